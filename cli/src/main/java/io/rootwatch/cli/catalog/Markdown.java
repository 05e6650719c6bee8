package io.rootwatch.cli.catalog;

/** Markdown table cells. */
final class Markdown {
    private Markdown() {
    }

    /** A pipe would end the cell early. */
    static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
