package network.aioz.chain.node;

import java.time.Clock;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** The node client, the committing key and the node's health. */
@Configuration(proxyBeanMethods = false)
class NodeConfiguration {

  @Bean(destroyMethod = "shutdown")
  Web3j web3j(ChainSettings settings) {
    if (settings.rpcUrl() == null || settings.rpcUrl().isBlank()) {
      throw new IllegalStateException("chain.rpc-url (env CHAIN_RPC_URL) must name the chain node");
    }
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(java.time.Duration.ofSeconds(5))
            .readTimeout(java.time.Duration.ofSeconds(30))
            .build();
    return Web3j.build(new HttpService(settings.rpcUrl(), http));
  }

  @Bean
  ChainNode chainNode(Web3j web3j, ChainSettings settings, Clock clock) {
    return new ChainNode(web3j, settings.rpcUrl(), settings.chainId(), clock);
  }

  @Bean
  CommitterKey committerKey(ChainSettings settings) {
    return CommitterKey.of(settings.committerKey());
  }
}
