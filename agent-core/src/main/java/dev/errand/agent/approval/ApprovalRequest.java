package dev.errand.agent.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.money.Money;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an approver is asked to decide: the steps of one tool in one currency that a plan holds, their
 * arguments and total, who asked, the roles that may decide and why approval is needed.
 */
public record ApprovalRequest(String tenant, String requestedBy, String tool, List<String> stepIds,
        JsonNode arguments, Money amount, Set<String> approverRoles, String reason) {
    public ApprovalRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(tool, "tool");
        stepIds = List.copyOf(stepIds);
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(amount, "amount");
        approverRoles = Set.copyOf(approverRoles);
        Objects.requireNonNull(reason, "reason");
    }
}
