SELECT
  eventversion,
  useridentity.type AS useridentity_type,
  useridentity.principalid AS useridentity_principalid,
  useridentity.arn AS useridentity_arn,
  useridentity.accountid AS useridentity_accountid,
  useridentity.invokedby AS useridentity_invokedby,
  useridentity.accesskeyid AS useridentity_accesskeyid,
  useridentity.username AS useridentity_username,
  useridentity.onbehalfof.userid AS useridentity_onbehalfof_userid,
  useridentity.onbehalfof.identitystorearn AS useridentity_onbehalfof_identitystorearn,
  useridentity.sessioncontext.attributes.mfaauthenticated AS useridentity_sessioncontext_attributes_mfaauthenticated,
  useridentity.sessioncontext.attributes.creationdate AS useridentity_sessioncontext_attributes_creationdate,
  useridentity.sessioncontext.sessionissuer.type AS useridentity_sessioncontext_sessionissuer_type,
  useridentity.sessioncontext.sessionissuer.principalid AS useridentity_sessioncontext_sessionissuer_principalid,
  useridentity.sessioncontext.sessionissuer.arn AS useridentity_sessioncontext_sessionissuer_arn,
  useridentity.sessioncontext.sessionissuer.accountid AS useridentity_sessioncontext_sessionissuer_accountid,
  useridentity.sessioncontext.sessionissuer.username AS useridentity_sessioncontext_sessionissuer_username,
  useridentity.sessioncontext.ec2roledelivery AS useridentity_sessioncontext_ec2roledelivery,
  useridentity.sessioncontext.assumedroot AS useridentity_sessioncontext_assumedroot,
  eventtime,
  eventsource,
  eventname,
  awsregion,
  sourceipaddress,
  useragent,
  errorcode,
  errormessage,
  requestparameters,
  responseelements,
  additionaleventdata,
  requestid,
  eventid,
  readonly,
  json_format(CAST(transform(resources, r -> MAP(ARRAY['ARN', 'accountId', 'type'], ARRAY[r.arn, r.accountid, r.type])) AS JSON)) AS resources,
  eventtype,
  apiversion,
  managementevent,
  recipientaccountid,
  serviceeventdetails,
  sharedeventid,
  vpcendpointid,
  vpcendpointaccountid,
  eventcategory,
  addendum.reason AS addendum_reason,
  addendum.updatedfields AS addendum_updatedfields,
  addendum.originalrequestid AS addendum_originalrequestid,
  addendum.originaleventid AS addendum_originaleventid,
  sessioncredentialfromconsole,
  edgedevicedetails,
  tlsdetails.tlsversion AS tlsdetails_tlsversion,
  tlsdetails.ciphersuite AS tlsdetails_ciphersuite,
  tlsdetails.clientprovidedhostheader AS tlsdetails_clientprovidedhostheader
FROM "default"."rootwatch_cloudtrail"
WHERE (useridentity.type = 'Root'
       OR (eventsource = 'sts.amazonaws.com' AND eventname = 'AssumeRoot'))
  AND "timestamp" >= '2026/10/31'
  AND "timestamp" <= '2026/11/30'
  AND account IN ('111122223333', '444455556666')
  AND region IN ('eu-west-2', 'us-east-1')
  AND eventtime >= '2026-11-01T08:30:00Z'
  AND eventtime < '2026-11-29T00:00:01Z'
ORDER BY eventtime, eventid
