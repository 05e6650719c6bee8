package io.rootwatch.cli.athena;

/** The Athena (Glue Data Catalog) table that holds the CloudTrail logs, by database and name. */
public record AthenaTable(String database, String name) {
    public AthenaTable {
        SqlText.name("database", database);
        SqlText.name("table", name);
    }

    String ddlName() {
        return SqlText.ddlIdentifier(database) + "." + SqlText.ddlIdentifier(name);
    }

    String queryName() {
        return SqlText.queryIdentifier(database) + "." + SqlText.queryIdentifier(name);
    }
}
