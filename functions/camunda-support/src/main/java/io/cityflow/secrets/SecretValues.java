package io.cityflow.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads JSON secrets from AWS Secrets Manager by ARN, in the {@code aws} environment only. A secret
 * is read when a caller first needs it and then kept; callers read it again through {@link #reread}
 * when the credentials it holds are refused, which is how a rotated password or client secret
 * reaches a running process without a restart. Re-reads of one secret are at most one per {@code
 * cityflow.secrets.min-reread-interval} (10 s), so that a burst of refused connections costs one
 * call, not hundreds.
 */
@Singleton
@Requires(env = "aws")
public class SecretValues {

  private record Read(SecretFields fields, long atNanos) {}

  private final SecretsManagerClient client;
  private final long minRereadNanos;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Read> reads = new ConcurrentHashMap<>();

  /**
   * @param minRereadInterval the shortest time between two reads of the same secret
   */
  public SecretValues(
      SecretsManagerClient client,
      @Value("${cityflow.secrets.min-reread-interval:10s}") Duration minRereadInterval) {
    this.client = client;
    this.minRereadNanos = minRereadInterval.toNanos();
  }

  /** The secret's fields, read from Secrets Manager the first time. */
  public SecretFields current(String arn) {
    return reads.computeIfAbsent(arn, this::read).fields();
  }

  /**
   * The secret's fields read again from Secrets Manager, unless they were read less than the
   * minimum interval ago; then the recent read.
   */
  public SecretFields reread(String arn) {
    return reads
        .compute(
            arn,
            (key, last) ->
                last != null && System.nanoTime() - last.atNanos() < minRereadNanos
                    ? last
                    : read(key))
        .fields();
  }

  private Read read(String arn) {
    String text = client.getSecretValue(request -> request.secretId(arn)).secretString();
    if (text == null) {
      throw new IllegalStateException("the secret " + arn + " holds no text");
    }
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JsonProcessingException e) {
      // The parser's message may quote the secret; only say where the problem is.
      throw new IllegalStateException("the secret " + arn + " is not a JSON object");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalStateException("the secret " + arn + " is not a JSON object");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    root.fields()
        .forEachRemaining(
            field ->
                fields.put(
                    field.getKey(),
                    field.getValue().isValueNode()
                        ? field.getValue().asText()
                        : field.getValue().toString()));
    return new Read(new SecretFields(arn, fields), System.nanoTime());
  }
}
