package io.rootwatch.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Account ids listed in a file: separated by white space or commas, {@code #} starting a comment,
 * so that both a hand-kept list and {@code aws organizations list-accounts --query 'Accounts[].Id'
 * --output text} work as they are.
 */
public final class AccountList {
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

    private AccountList() {
    }

    /** @throws IllegalArgumentException naming the file and line of anything that is not an account id */
    public static List<String> read(Path file) throws IOException {
        List<String> accounts = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String content = lines.get(i).replaceFirst("#.*", "");
            for (String word : content.split("[\\s,]+")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (!isAccountId(word)) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": '" + word + "' is not an AWS account id (12 digits)");
                }
                accounts.add(word);
            }
        }
        return accounts;
    }

    public static boolean isAccountId(String text) {
        return ACCOUNT_ID.matcher(text).matches();
    }
}
