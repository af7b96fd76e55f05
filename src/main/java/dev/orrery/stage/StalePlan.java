package dev.orrery.stage;

import java.util.List;

/**
 * Why a plan may not run: resources it would change were changed by another plan after it was made, so running
 * it would put back the state it was built from.
 *
 * @param planUid    the stale plan
 * @param resources  the resources changed since, in name order
 * @param newerPlans the plans that changed them, newest first (empty when the history does not say)
 * @param release    the release the newest of those plans recorded, if it did
 */
public record StalePlan(String planUid, List<String> resources, List<String> newerPlans, java.util.OptionalLong release) {
    /** How many moved resources the message names before saying how many more there are. */
    static final int NAMED = 5;

    public StalePlan {
        resources = List.copyOf(resources);
        newerPlans = List.copyOf(newerPlans);
    }

    /**
     * One line: {@code plan 2fb52e86 is stale: app and cache were changed by plan 7c1d0a3b (release 5) after it
     * was made; stage and process again, or use rollback to go back on purpose}.
     */
    public String message() {
        return "plan " + shortUid(planUid) + " is stale: " + names() + (resources.size() == 1 ? " was" : " were")
                + " changed" + by() + " after it was made; stage and process again, or use rollback to go back on purpose";
    }

    /** The reason without the plan's name, for a banner or tooltip that already shows the plan. */
    public String reason() {
        String m = message();
        return m.substring(m.indexOf(": ") + 2);
    }

    private String names() {
        List<String> named = resources.stream().limit(NAMED).toList();
        int more = resources.size() - named.size();
        if (more > 0) {
            return String.join(", ", named) + " and " + more + " more";
        }
        if (named.size() == 1) {
            return named.get(0);
        }
        return String.join(", ", named.subList(0, named.size() - 1)) + " and " + named.get(named.size() - 1);
    }

    private String by() {
        if (newerPlans.isEmpty()) {
            return "";
        }
        String newest = " by plan " + shortUid(newerPlans.get(0))
                + (release.isPresent() ? " (release " + release.getAsLong() + ")" : "");
        int others = newerPlans.size() - 1;
        return others == 0 ? newest : newest + " and " + others + (others == 1 ? " other plan" : " other plans");
    }

    private static String shortUid(String uid) {
        return uid.length() <= 8 ? uid : uid.substring(0, 8);
    }
}
