CREATE EXTERNAL TABLE IF NOT EXISTS `default`.`rootwatch_cloudtrail` (
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
)
PARTITIONED BY (
  `account` STRING,
  `region` STRING,
  `timestamp` STRING)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION 's3://acme-cloudtrail/management/AWSLogs/'
TBLPROPERTIES (
  'projection.enabled'='true',
  'projection.account.type'='enum',
  'projection.account.values'='111122223333',
  'projection.region.type'='enum',
  'projection.region.values'='eu-west-1,us-east-1',
  'projection.timestamp.type'='date',
  'projection.timestamp.format'='yyyy/MM/dd',
  'projection.timestamp.range'='2024/01/01,NOW',
  'projection.timestamp.interval'='1',
  'projection.timestamp.interval.unit'='DAYS',
  'storage.location.template'='s3://acme-cloudtrail/management/AWSLogs/${account}/CloudTrail/${region}/${timestamp}')
