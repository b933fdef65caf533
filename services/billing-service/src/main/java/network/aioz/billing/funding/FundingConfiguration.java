package network.aioz.billing.funding;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({FundingSettings.Onramp.class, FundingSettings.Refunds.class})
class FundingConfiguration {}
