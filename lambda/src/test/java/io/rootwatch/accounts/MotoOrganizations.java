package io.rootwatch.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.testing.MotoServer;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.io.IOException;
import java.net.URI;

/**
 * Sets up an organization and its accounts in moto_server with the same signed JSON calls the
 * detector makes (CreateOrganization, CreateAccount, DescribeCreateAccountStatus, CloseAccount,
 * RemoveAccountFromOrganization), without the SDK's organizations module.
 */
public final class MotoOrganizations implements AutoCloseable {
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final OrganizationsJsonClient client;

    public MotoOrganizations(URI endpoint) {
        this.client = new OrganizationsJsonClient(OrganizationsEndpoint.GLOBAL.at(endpoint),
                MotoServer.CREDENTIALS, http);
    }

    /** An organization with all features, managed by moto's default account. */
    public void createOrganization() throws IOException {
        call("CreateOrganization", object().put("FeatureSet", "ALL"));
    }

    /** A new member account; answers its id, read back from the account's creation status. */
    public String createAccount(String name) throws IOException {
        JsonNode created = call("CreateAccount", object().put("AccountName", name)
                .put("Email", name.replaceAll("[^A-Za-z0-9]", "") + "@example.com"));
        String requestId = created.path("CreateAccountStatus").path("Id").asText();
        JsonNode status = call("DescribeCreateAccountStatus", object().put("CreateAccountRequestId", requestId));
        String state = status.path("CreateAccountStatus").path("State").asText();
        if (!"SUCCEEDED".equals(state)) {
            throw new IllegalStateException("account " + name + " not created: " + status);
        }
        return status.path("CreateAccountStatus").path("AccountId").asText();
    }

    /** Closes a member account: moto makes it SUSPENDED at once (AWS passes through PENDING_CLOSURE). */
    public void closeAccount(String accountId) throws IOException {
        call("CloseAccount", object().put("AccountId", accountId));
    }

    /** The account leaves the organization. */
    public void removeAccount(String accountId) throws IOException {
        call("RemoveAccountFromOrganization", object().put("AccountId", accountId));
    }

    private JsonNode call(String operation, ObjectNode input) throws IOException {
        OrganizationsJsonClient.Reply reply = client.call(operation, input, started -> { });
        if (!reply.ok()) {
            throw new IllegalStateException(operation + " failed: HTTP " + reply.status() + " " + reply.errorType()
                    + " " + reply.message());
        }
        return reply.body();
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public void close() {
        http.close();
    }
}
