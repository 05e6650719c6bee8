package io.rootwatch.alert;

import java.text.Normalizer;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An SNS {@code Subject}: at most 100 characters of printable ASCII on one line, starting with a
 * letter, number or punctuation; SNS refuses the whole {@code Publish} otherwise, so the alert
 * would be lost for a character in an account name.
 */
final class SnsSubject {
    static final int MAX_LENGTH = 100;

    /**
     * The characters a subject keeps: enough for headlines, names, ARNs and addresses. Others
     * become '?', among them those of mention and link syntax ({@code < > @ |}) and of markup, so
     * that a subject copied into a chat stays inert too.
     */
    private static final Pattern NOT_KEPT = Pattern.compile("[^A-Za-z0-9 .,:;()\\[\\]/+=#'_-]+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern LEADING_NON_WORD = Pattern.compile("^[^A-Za-z0-9\\[(]+");

    private SnsSubject() {
    }

    /**
     * The alert's headline, shortened when it is too long: first without the account's name (its id
     * stays), then without the source address, and only then cut with "...".
     */
    static String of(Alert alert) {
        String what = Headline.whatHappened(alert);
        String accountId = Headline.account(AlertFacts.accountId(alert), Optional.empty());
        List<String> forms = List.of(
                Headline.of(alert),
                Headline.compose(alert.severity(), what, accountId, alert.record().sourceIpAddress()),
                Headline.compose(alert.severity(), what, accountId, Optional.empty()));
        return forms.stream().map(SnsSubject::ascii).filter(form -> form.length() <= MAX_LENGTH).findFirst()
                .orElseGet(() -> cut(ascii(forms.getLast())));
    }

    /** Text in the characters a subject keeps: transliterated (é becomes e, … becomes ...), the rest '?'. */
    private static String ascii(String text) {
        String ascii = COMBINING_MARKS.matcher(Normalizer.normalize(UntrustedText.plain(text), Normalizer.Form.NFKD))
                .replaceAll("");
        String kept = LEADING_NON_WORD.matcher(NOT_KEPT.matcher(ascii).replaceAll("?").strip()).replaceAll("");
        return kept.isEmpty() ? "rootwatch alert" : kept;
    }

    private static String cut(String subject) {
        return subject.length() <= MAX_LENGTH ? subject : subject.substring(0, MAX_LENGTH - 3).stripTrailing() + "...";
    }
}
