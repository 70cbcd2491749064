package sca;

import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plain Spring Cloud Alibaba application, as its users write one: it registers itself through
 * spring-cloud-starter-alibaba-nacos-discovery on start, deregisters on shutdown, and discovers its peers with Spring's
 * DiscoveryClient. Run from source (java -cp <its jars> ScaApp.java) by SpringCloudAlibabaTest, with the server
 * address, name, port and a loopback ip as --key=value arguments.
 */
@SpringBootApplication
@RestController
public class ScaApp {

  private final DiscoveryClient discovery;

  public ScaApp(DiscoveryClient discovery) {
    this.discovery = discovery;
  }

  @GetMapping("/peers/{name}")
  public String peers(@PathVariable("name") String name) {
    return discovery.getInstances(name).stream().map(i -> i.getHost() + ":" + i.getPort()).sorted()
        .collect(Collectors.joining(","));
  }

  public static void main(String[] args) {
    SpringApplication.run(ScaApp.class, args);
  }
}
