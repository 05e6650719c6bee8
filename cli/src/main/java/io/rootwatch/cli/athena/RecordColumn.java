package io.rootwatch.cli.athena;

import java.util.List;
import java.util.Locale;

/**
 * One column of the search's result: the SQL that reads it from the table, and where its value
 * goes in the rebuilt CloudTrail record. The query and the rebuilding both read this one list, so
 * they cannot drift apart.
 */
record RecordColumn(String jsonPath, String sql, Kind kind) {
    /** How a column's text becomes a JSON value again. */
    enum Kind {
        /** Kept as a JSON string. */
        TEXT,
        /** "true"/"false" becomes a JSON boolean (CloudTrail writes readOnly and managementEvent so). */
        BOOLEAN,
        /** A column that holds JSON text (the SerDe keeps nested objects of unknown shape so): parsed back. */
        JSON
    }

    /** Every CloudTrail field the table holds, in the order of CloudTrail's own records. */
    static final List<RecordColumn> ALL = List.of(
            text("eventVersion", "eventversion"),
            text("userIdentity.type", "useridentity.type"),
            text("userIdentity.principalId", "useridentity.principalid"),
            text("userIdentity.arn", "useridentity.arn"),
            text("userIdentity.accountId", "useridentity.accountid"),
            text("userIdentity.invokedBy", "useridentity.invokedby"),
            text("userIdentity.accessKeyId", "useridentity.accesskeyid"),
            text("userIdentity.userName", "useridentity.username"),
            text("userIdentity.onBehalfOf.userId", "useridentity.onbehalfof.userid"),
            text("userIdentity.onBehalfOf.identityStoreArn", "useridentity.onbehalfof.identitystorearn"),
            text("userIdentity.sessionContext.attributes.mfaAuthenticated", "useridentity.sessioncontext.attributes.mfaauthenticated"),
            text("userIdentity.sessionContext.attributes.creationDate", "useridentity.sessioncontext.attributes.creationdate"),
            text("userIdentity.sessionContext.sessionIssuer.type", "useridentity.sessioncontext.sessionissuer.type"),
            text("userIdentity.sessionContext.sessionIssuer.principalId", "useridentity.sessioncontext.sessionissuer.principalid"),
            text("userIdentity.sessionContext.sessionIssuer.arn", "useridentity.sessioncontext.sessionissuer.arn"),
            text("userIdentity.sessionContext.sessionIssuer.accountId", "useridentity.sessioncontext.sessionissuer.accountid"),
            text("userIdentity.sessionContext.sessionIssuer.userName", "useridentity.sessioncontext.sessionissuer.username"),
            text("userIdentity.sessionContext.ec2RoleDelivery", "useridentity.sessioncontext.ec2roledelivery"),
            text("userIdentity.sessionContext.assumedRoot", "useridentity.sessioncontext.assumedroot"),
            text("eventTime", "eventtime"),
            text("eventSource", "eventsource"),
            text("eventName", "eventname"),
            text("awsRegion", "awsregion"),
            text("sourceIPAddress", "sourceipaddress"),
            text("userAgent", "useragent"),
            text("errorCode", "errorcode"),
            text("errorMessage", "errormessage"),
            json("requestParameters", "requestparameters"),
            json("responseElements", "responseelements"),
            json("additionalEventData", "additionaleventdata"),
            text("requestID", "requestid"),
            text("eventID", "eventid"),
            bool("readOnly", "readonly"),
            // An array of structs comes back from Athena as "[{arn=..., ...}]"; as a JSON cast of
            // maps it comes back as JSON, with CloudTrail's own key names.
            json("resources", "json_format(CAST(transform(resources, r -> MAP(ARRAY['ARN', 'accountId', 'type'], "
                    + "ARRAY[r.arn, r.accountid, r.type])) AS JSON))"),
            text("eventType", "eventtype"),
            text("apiVersion", "apiversion"),
            bool("managementEvent", "managementevent"),
            text("recipientAccountId", "recipientaccountid"),
            json("serviceEventDetails", "serviceeventdetails"),
            text("sharedEventID", "sharedeventid"),
            text("vpcEndpointId", "vpcendpointid"),
            text("vpcEndpointAccountId", "vpcendpointaccountid"),
            text("eventCategory", "eventcategory"),
            text("addendum.reason", "addendum.reason"),
            text("addendum.updatedFields", "addendum.updatedfields"),
            text("addendum.originalRequestID", "addendum.originalrequestid"),
            text("addendum.originalEventID", "addendum.originaleventid"),
            text("sessionCredentialFromConsole", "sessioncredentialfromconsole"),
            json("edgeDeviceDetails", "edgedevicedetails"),
            text("tlsDetails.tlsVersion", "tlsdetails.tlsversion"),
            text("tlsDetails.cipherSuite", "tlsdetails.ciphersuite"),
            text("tlsDetails.clientProvidedHostHeader", "tlsdetails.clientprovidedhostheader"));

    /** The result column's name: Athena lower-cases aliases, so the path is spelt in lower case. */
    String alias() {
        return jsonPath.toLowerCase(Locale.ROOT).replace('.', '_');
    }

    String[] path() {
        return jsonPath.split("\\.");
    }

    private static RecordColumn text(String jsonPath, String sql) {
        return new RecordColumn(jsonPath, sql, Kind.TEXT);
    }

    private static RecordColumn bool(String jsonPath, String sql) {
        return new RecordColumn(jsonPath, sql, Kind.BOOLEAN);
    }

    private static RecordColumn json(String jsonPath, String sql) {
        return new RecordColumn(jsonPath, sql, Kind.JSON);
    }
}
