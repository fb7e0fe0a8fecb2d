package io.novacron.grid;

import io.novacron.grid.BaselinePolicy.Activate;
import io.novacron.grid.BaselinePolicy.SetBaseline;
import io.novacron.grid.BaselinePolicy.Wait;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class BaselinePolicyTest {

    private static final List<String> MEMBERS = List.of("node-1", "node-2", "node-3");

    @Test
    void theFirstActivationWaitsForEveryMember() {
        assertInstanceOf(Wait.class, BaselinePolicy.decide(MEMBERS, "node-1", Set.of("node-1", "node-2"), false, null));
        assertInstanceOf(Activate.class,
                BaselinePolicy.decide(MEMBERS, "node-1", Set.of("node-1", "node-2", "node-3"), false, null));
    }

    @Test
    void onlyTheFirstOnlineMemberActs() {
        Set<String> all = Set.of("node-1", "node-2", "node-3");
        assertInstanceOf(Wait.class, BaselinePolicy.decide(MEMBERS, "node-2", all, false, null));
        assertInstanceOf(Activate.class, BaselinePolicy.decide(MEMBERS, "node-2", Set.of("node-2", "node-3"), false,
                Set.copyOf(MEMBERS)));
    }

    @Test
    void aRestartedClusterActivatesWithAMajorityOfItsBaseline() {
        Set<String> baseline = Set.copyOf(MEMBERS);
        assertInstanceOf(Wait.class, BaselinePolicy.decide(MEMBERS, "node-1", Set.of("node-1"), false, baseline));
        assertInstanceOf(Activate.class,
                BaselinePolicy.decide(MEMBERS, "node-1", Set.of("node-1", "node-3"), false, baseline));
    }

    @Test
    void aMemberThatWentDownStaysInTheBaseline() {
        assertEquals(new Wait("baseline is current"), BaselinePolicy.decide(MEMBERS, "node-1",
                Set.of("node-1", "node-2"), true, Set.copyOf(MEMBERS)));
    }

    @Test
    void aJoiningMemberIsAddedAndAnOfflineFormerMemberDropped() {
        assertEquals(new SetBaseline(Set.of("node-1", "node-2", "node-3")), BaselinePolicy.decide(MEMBERS, "node-1",
                Set.of("node-1", "node-2", "node-3"), true, Set.of("node-1", "node-2")));
        assertEquals(new SetBaseline(Set.of("node-1", "node-2", "node-3")), BaselinePolicy.decide(MEMBERS, "node-1",
                Set.of("node-1", "node-2", "node-3"), true, Set.of("node-1", "node-2", "node-3", "old-4")));
        assertEquals(new Wait("baseline is current"), BaselinePolicy.decide(MEMBERS, "node-1",
                Set.of("node-1", "node-2", "node-3", "old-4"), true, Set.of("node-1", "node-2", "node-3", "old-4")));
    }
}
