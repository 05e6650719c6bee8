package io.rootwatch.cli.athena;

import java.time.format.DateTimeFormatter;

/**
 * The DDL of the CloudTrail table rootwatch searches: AWS's documented table "for CloudTrail logs
 * in Athena using partition projection" (Athena user guide), with two changes:
 * <ul>
 * <li>partitions by account and region as well as day ({@code enum} projections), so that one table
 *     covers a multi-region or organization trail and a scan's accounts and regions prune folders;</li>
 * <li>two fields the documented column list leaves out and rootwatch reads:
 *     {@code useridentity.sessioncontext.assumedroot} (a member-account action inside a centralized
 *     root session) and {@code managementevent}.</li>
 * </ul>
 * SerDe: {@code org.apache.hive.hcatalog.data.JsonSerDe} with {@code CloudTrailInputFormat}, as the
 * current guide uses for both its manual and its projected tables; the older
 * {@code com.amazon.emr.hive.serde.CloudTrailSerde} predates fields such as {@code tlsdetails} and
 * the guide no longer shows it. The JSON SerDe keeps {@code requestparameters},
 * {@code responseelements} and {@code additionaleventdata} as their JSON text, which is what
 * {@link CloudTrailRows} parses back.
 */
public final class CloudTrailTableDdl {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private static final String COLUMNS = """
              eventversion STRING,
              useridentity STRUCT<
                type: STRING,
                principalid: STRING,
                arn: STRING,
                accountid: STRING,
                invokedby: STRING,
                accesskeyid: STRING,
                username: STRING,
                onbehalfof: STRUCT<
                  userid: STRING,
                  identitystorearn: STRING>,
                sessioncontext: STRUCT<
                  attributes: STRUCT<
                    mfaauthenticated: STRING,
                    creationdate: STRING>,
                  sessionissuer: STRUCT<
                    type: STRING,
                    principalid: STRING,
                    arn: STRING,
                    accountid: STRING,
                    username: STRING>,
                  ec2roledelivery: STRING,
                  webidfederationdata: STRUCT<
                    federatedprovider: STRING,
                    attributes: MAP<STRING,STRING>>,
                  assumedroot: STRING>>,
              eventtime STRING,
              eventsource STRING,
              eventname STRING,
              awsregion STRING,
              sourceipaddress STRING,
              useragent STRING,
              errorcode STRING,
              errormessage STRING,
              requestparameters STRING,
              responseelements STRING,
              additionaleventdata STRING,
              requestid STRING,
              eventid STRING,
              readonly STRING,
              resources ARRAY<STRUCT<
                arn: STRING,
                accountid: STRING,
                type: STRING>>,
              eventtype STRING,
              apiversion STRING,
              managementevent STRING,
              recipientaccountid STRING,
              serviceeventdetails STRING,
              sharedeventid STRING,
              vpcendpointid STRING,
              vpcendpointaccountid STRING,
              eventcategory STRING,
              addendum STRUCT<
                reason: STRING,
                updatedfields: STRING,
                originalrequestid: STRING,
                originaleventid: STRING>,
              sessioncredentialfromconsole STRING,
              edgedevicedetails STRING,
              tlsdetails STRUCT<
                tlsversion: STRING,
                ciphersuite: STRING,
                clientprovidedhostheader: STRING>
            """;

    private CloudTrailTableDdl() {
    }

    /** Creates the database if needed: a named database may not exist yet; {@code default} always does. */
    public static String createDatabase(AthenaTable table) {
        return "CREATE DATABASE IF NOT EXISTS " + SqlText.ddlIdentifier(table.database());
    }

    /** Creates the table over the trail's folders; an existing table of that name is left as it is. */
    public static String createTable(AthenaTable table, TrailLocation trail, TableProjection projection) {
        return "CREATE EXTERNAL TABLE IF NOT EXISTS " + table.ddlName() + " (\n"
                + COLUMNS
                + ")\n"
                + "PARTITIONED BY (\n"
                + "  `account` STRING,\n"
                + "  `region` STRING,\n"
                + "  `timestamp` STRING)\n"
                + "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'\n"
                + "STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'\n"
                + "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'\n"
                + "LOCATION " + SqlText.literal(trail.accountsRoot()) + "\n"
                + "TBLPROPERTIES (\n"
                + property("projection.enabled", "true")
                + property("projection.account.type", "enum")
                + property("projection.account.values", String.join(",", projection.accounts()))
                + property("projection.region.type", "enum")
                + property("projection.region.values", String.join(",", projection.regions()))
                + property("projection.timestamp.type", "date")
                + property("projection.timestamp.format", "yyyy/MM/dd")
                + property("projection.timestamp.range", DAY.format(projection.firstDay()) + ",NOW")
                + property("projection.timestamp.interval", "1")
                + property("projection.timestamp.interval.unit", "DAYS")
                + "  " + SqlText.literal("storage.location.template") + "=" + SqlText.literal(trail.storageTemplate()) + ")";
    }

    private static String property(String key, String value) {
        return "  " + SqlText.literal(key) + "=" + SqlText.literal(value) + ",\n";
    }
}
