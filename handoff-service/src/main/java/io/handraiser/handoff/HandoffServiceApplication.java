package io.handraiser.handoff;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HandoffServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(HandoffServiceApplication.class, args);
    }
}
