package io.rootwatch.cli.aws;

import io.rootwatch.testing.MotoServer;
import picocli.CommandLine;

/**
 * The AWS options a user would give to point the rootwatch command at moto_server, for tests that
 * set up or inspect state with the same clients the commands build (needs {@code @DummyCredentials}).
 */
public final class MotoAws {
    private MotoAws() {
    }

    public static AwsOptions options(MotoServer moto) {
        AwsOptions options = new AwsOptions();
        new CommandLine(options).parseArgs(arguments(moto));
        return options;
    }

    /** {@code --region us-east-1 --endpoint-url <moto>}, to append to a command line. */
    public static String[] arguments(MotoServer moto) {
        return new String[] {"--region", "us-east-1", "--endpoint-url", moto.endpoint().toString()};
    }
}
