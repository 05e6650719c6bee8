package io.rootwatch.cli.doctor;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSet;
import software.amazon.awssdk.services.cloudformation.model.StackSetNotFoundException;

import java.util.List;

/** The forwarders' StackSet as the caller's account sees it: read once, used to scope the run and checked. */
public sealed interface StackSetLookup {
    record Found(StackSet stackSet, List<StackInstanceSummary> instances) implements StackSetLookup {
        public Found {
            instances = List.copyOf(instances);
        }
    }

    record NotFound() implements StackSetLookup {
    }

    record Unreadable(String reason) implements StackSetLookup {
    }

    static StackSetLookup read(CloudFormationClient cloudFormation, String name, String callAs) {
        try {
            StackSet stackSet = cloudFormation.describeStackSet(b -> b.stackSetName(name).callAs(callAs)).stackSet();
            List<StackInstanceSummary> instances = cloudFormation.listStackInstancesPaginator(b -> b.stackSetName(name).callAs(callAs))
                    .summaries().stream().toList();
            return new Found(stackSet, instances);
        } catch (StackSetNotFoundException e) {
            return new NotFound();
        } catch (SdkException e) {
            return new Unreadable(Finding.reason(e));
        }
    }
}
