package network.aioz.storage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The S3-compatible object store: buckets and objects as encrypted, erasure-coded edge pieces. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class StorageApplication {

  public static void main(String[] args) {
    SpringApplication.run(StorageApplication.class, args);
  }
}
