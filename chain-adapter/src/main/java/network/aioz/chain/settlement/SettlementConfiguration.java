package network.aioz.chain.settlement;

import network.aioz.chain.node.ChainNode;
import network.aioz.chain.node.ChainSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.web3j.protocol.Web3j;

@Configuration(proxyBeanMethods = false)
class SettlementConfiguration {

  @Bean
  Registry registry(ChainNode node, Web3j web3j, ChainSettings settings) {
    return new Registry(node, web3j, settings);
  }
}
