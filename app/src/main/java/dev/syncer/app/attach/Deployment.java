package dev.syncer.app.attach;

import dev.syncer.app.monitor.Target;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What discovery found from one address: the replication trees and, under Sentinel, the sentinels
 * watching them.
 *
 * @param trees     one per monitored master name (Sentinel), per shard (Cluster), per primary
 *                  (standalone)
 * @param sentinels the sentinels that answered or were named by one; empty for other kinds
 */
public record Deployment(DeploymentKind kind, Target seed, List<Tree> trees, List<Member> sentinels) {

    public Deployment {
        trees = List.copyOf(trees);
        sentinels = List.copyOf(sentinels);
    }

    /**
     * One replication tree, named by what identifies it whichever node is primary now: a master
     * name under Sentinel, the slot ranges of a cluster shard.
     *
     * @param members the primary first (as discovery's source reports it), then the replicas
     * @param facts   what the source says about the tree: quorum and flags, slots and epochs…
     */
    public record Tree(String name, List<Member> members, Map<String, String> facts) {
        public Tree {
            members = List.copyOf(members);
            facts = Map.copyOf(facts);
        }

        public Optional<Member> primary() {
            return members.stream().filter(Member::primary).findFirst();
        }
    }

    /**
     * A server as discovery's source names it.
     *
     * @param primary whether the source (the sentinel, the cluster bus) holds it for the primary
     * @param facts   its flags as the source reports them (s_down, o_down, fail, config epoch…)
     */
    public record Member(Target target, boolean primary, Map<String, String> facts) {
        public Member {
            facts = Map.copyOf(facts);
        }
    }

    /** Every server of every tree, each once. */
    public List<Target> servers() {
        return trees.stream().flatMap(t -> t.members().stream()).map(Member::target).distinct().toList();
    }

    /** The tree {@code target} belongs to. */
    public Optional<Tree> treeOf(Target target) {
        return trees.stream().filter(t -> t.members().stream().anyMatch(m -> m.target().equals(target))).findFirst();
    }
}
