import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Waits until the broker answers a metadata round trip, then creates the suite's topics that do not
 * exist yet. One JVM for all of it (the stock TopicCommand costs a JVM start per topic).
 * Usage: java -cp 'libs/*' EnsureTopics.java BOOTSTRAP TIMEOUT_SECONDS name:partitions...
 */
public class EnsureTopics {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = null;
      while (existing == null) {
        try {
          admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
          if (System.nanoTime() > deadline) {
            System.err.println("broker at " + bootstrap + " not ready: " + e);
            System.exit(1);
          }
          Thread.sleep(500);
        }
      }
      List<NewTopic> missing = new ArrayList<>();
      for (int i = 2; i < args.length; i++) {
        String[] nameAndPartitions = args[i].split(":");
        if (!existing.contains(nameAndPartitions[0])) {
          missing.add(new NewTopic(nameAndPartitions[0], Integer.parseInt(nameAndPartitions[1]), (short) 1)
              .configs(Map.of("max.message.bytes", "2097152")));
        }
      }
      try {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
          throw e;
        }
      }
      System.err.println("topics ready: " + existing.size() + " existed, " + missing.size() + " created");
    }
  }
}
