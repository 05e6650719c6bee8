package io.rootwatch.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every account of the caller's organization, with its status ({@code organizations:ListAccounts},
 * page after page): callable from the management account or a delegated administrator account.
 */
public final class OrganizationAccounts {
    /** The most ListAccounts gives in one page. */
    public static final int MAX_PAGE_SIZE = 20;
    static final String OPERATION = "ListAccounts";

    private final OrganizationsJsonClient client;
    private final int pageSize;

    /**
     * @param http the caller's, who closes it; its timeouts bound each page's call
     */
    public OrganizationAccounts(OrganizationsEndpoint endpoint, AwsCredentialsProvider credentials, SdkHttpClient http) {
        this(endpoint, credentials, http, MAX_PAGE_SIZE);
    }

    OrganizationAccounts(OrganizationsEndpoint endpoint, AwsCredentialsProvider credentials, SdkHttpClient http, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1 to " + MAX_PAGE_SIZE + ", got " + pageSize);
        }
        this.client = new OrganizationsJsonClient(endpoint, credentials, http);
        this.pageSize = pageSize;
    }

    /**
     * Every account, in the order the service gives them. An account not in an organization gets
     * an {@link OrganizationsException} that is {@link OrganizationsException#notInUse()} (AWS) or
     * an empty list (moto_server); an organization always lists at least its management account.
     *
     * @throws OrganizationsException when a page is refused, does not come, or is not understood
     */
    public List<OrganizationAccount> list() throws OrganizationsException {
        List<OrganizationAccount> accounts = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        String next = null;
        do {
            ObjectNode input = JsonNodeFactory.instance.objectNode().put("MaxResults", pageSize);
            if (next != null) {
                input.put("NextToken", next);
            }
            JsonNode page = page(input);
            JsonNode listed = page.path("Accounts");
            if (!listed.isArray()) {
                throw malformed("no Accounts list in a ListAccounts page");
            }
            for (JsonNode account : listed) {
                accounts.add(account(account));
            }
            next = page.path("NextToken").isTextual() && !page.path("NextToken").textValue().isEmpty()
                    ? page.path("NextToken").textValue() : null;
            if (next != null && !tokens.add(next)) {
                throw malformed("ListAccounts gave the same NextToken twice");
            }
        } while (next != null);
        return List.copyOf(accounts);
    }

    private JsonNode page(ObjectNode input) throws OrganizationsException {
        OrganizationsJsonClient.Reply reply;
        try {
            reply = client.call(OPERATION, input, started -> { });
        } catch (IOException | UncheckedIOException e) {
            throw new OrganizationsException("", OPERATION + " got no answer from " + client.endpoint().uri() + ": " + e, e);
        } catch (OrganizationsJsonClient.NoCredentials e) {
            throw new OrganizationsException("", OPERATION + ": no credentials: " + e.getMessage(), e);
        }
        if (!reply.ok()) {
            throw new OrganizationsException(reply.errorType(), "HTTP " + reply.status()
                    + (reply.errorType().isEmpty() ? "" : " " + reply.errorType())
                    + (reply.message().isEmpty() ? "" : ": " + AccountIds.loggable(reply.message(), 300)), null);
        }
        if (reply.body() == null || !reply.body().isObject()) {
            throw malformed("a ListAccounts answer that is not a JSON object");
        }
        return reply.body();
    }

    private static OrganizationAccount account(JsonNode account) throws OrganizationsException {
        String id = account.path("Id").asText("");
        if (!AccountIds.isAccountId(id)) {
            throw malformed("an account without a 12-digit Id: " + AccountIds.loggable(account.toString(), 200));
        }
        String status = account.path("Status").asText("");
        if (status.isEmpty()) {
            throw malformed("account " + id + " has no Status");
        }
        return new OrganizationAccount(id, account.path("Name").asText(""), status, account.path("Arn").asText(""));
    }

    private static OrganizationsException malformed(String what) {
        return new OrganizationsException("", OPERATION + ": " + what, null);
    }
}
