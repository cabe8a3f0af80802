package io.cityflow.infra.aws.constructs;

import java.util.List;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/**
 * Least-privilege grants written out action by action. CDK's {@code grantRead} and friends add
 * wildcard actions ({@code s3:GetObject*}, {@code s3:List*}); the platform's own roles get exactly
 * the calls their code makes, on exactly the resources it touches.
 */
public final class Grants {

  private Grants() {}

  /** Read the current value of each secret. */
  public static void readSecrets(IGrantable grantee, List<ISecret> secrets) {
    add(
        grantee,
        PolicyStatement.Builder.create()
            .sid("ReadSecrets")
            .actions(List.of("secretsmanager:GetSecretValue"))
            .resources(secrets.stream().map(ISecret::getSecretArn).toList())
            .build());
  }

  /** Read objects under a key prefix. */
  public static void readObjects(IGrantable grantee, IBucket bucket, String prefix, String sid) {
    add(
        grantee,
        PolicyStatement.Builder.create()
            .sid(sid)
            .actions(List.of("s3:GetObject"))
            .resources(List.of(bucket.arnForObjects(prefix + "*")))
            .build());
  }

  /** Write objects under a key prefix. */
  public static void writeObjects(IGrantable grantee, IBucket bucket, String prefix, String sid) {
    add(
        grantee,
        PolicyStatement.Builder.create()
            .sid(sid)
            .actions(List.of("s3:PutObject"))
            .resources(List.of(bucket.arnForObjects(prefix + "*")))
            .build());
  }

  /** Encrypt and decrypt with the key, as reading and writing a KMS-encrypted bucket needs. */
  public static void useKey(IGrantable grantee, IKey key) {
    add(
        grantee,
        PolicyStatement.Builder.create()
            .sid("UseStorageKey")
            .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
            .resources(List.of(key.getKeyArn()))
            .build());
  }

  private static void add(IGrantable grantee, PolicyStatement statement) {
    grantee.getGrantPrincipal().addToPrincipalPolicy(statement);
  }
}
