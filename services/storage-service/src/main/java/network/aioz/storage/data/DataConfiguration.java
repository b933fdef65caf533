package network.aioz.storage.data;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import network.aioz.storage.support.StorageProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DataConfiguration {

  @Bean
  DataKeys dataKeys(StorageProperties settings) {
    if (settings.masterKeys().isEmpty()) {
      throw new IllegalStateException(
          "storage.master-keys must hold at least one base64 32-byte master key"
              + " (env STORAGE_MASTERKEYS_K1) and storage.active-master-key its id");
    }
    Map<String, byte[]> keys = new LinkedHashMap<>();
    settings
        .masterKeys()
        .forEach(
            (id, base64) -> {
              try {
                keys.put(id, Base64.getDecoder().decode(base64.trim()));
              } catch (IllegalArgumentException e) {
                throw new IllegalStateException("master key '" + id + "' is not base64");
              }
            });
    return new DataKeys(keys, settings.activeMasterKey());
  }
}
