package io.rootwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app with every optional setting on leaves its cloud assembly in target/cdk.out, for
 * cfn-lint after the tests: {@code cfn-lint --non-zero-exit-code error infra/target/cdk.out/*.template.json}.
 */
class CloudAssemblyTest {

    @Test
    void theFullTemplateIsWrittenForCfnLint() throws IOException {
        Synthesized app = Synthesized.full();
        Path template = Synthesized.CLOUD_ASSEMBLY.resolve("Rootwatch.template.json");
        assertThat(template).isRegularFile();
        assertThat(Synthesized.JSON.readTree(template.toFile())).isEqualTo(app.json());
    }

    @Test
    void theWrittenTemplateHasEveryResourceType() throws IOException {
        JsonNode template = Synthesized.JSON.readTree(Synthesized.CLOUD_ASSEMBLY.resolve("Rootwatch.template.json").toFile());
        Set<String> types = new TreeSet<>();
        template.path("Resources").forEach(resource -> types.add(resource.path("Type").asText()));
        assertThat(types).contains("AWS::Chatbot::SlackChannelConfiguration", "AWS::Chatbot::MicrosoftTeamsChannelConfiguration",
                "AWS::SNS::Subscription", "AWS::Scheduler::Schedule", "AWS::Events::Rule", "AWS::DynamoDB::Table",
                "AWS::Lambda::EventSourceMapping", "AWS::CloudWatch::Dashboard");
    }

    @Test
    void theDetectorJarIsAnAssetOfTheAssembly() throws IOException {
        Synthesized.full();
        try (var files = Files.list(Synthesized.CLOUD_ASSEMBLY)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("asset.") && name.endsWith(".jar"));
        }
    }
}
