package io.github.remnawaveshop.core.ops.backup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Grandfather-father-son retention: keep the newest backup of each of the last {@code daily} days
 * that have backups, of each of the last {@code weekly} ISO weeks, and of each of the last {@code
 * monthly} months (UTC). The seed's defaults are 7 daily, 4 weekly, 3 monthly. A backup kept by any
 * rule is kept.
 *
 * @param daily days to keep, zero or more
 * @param weekly weeks to keep, zero or more
 * @param monthly months to keep, zero or more
 */
public record RetentionPolicy(int daily, int weekly, int monthly) {

  /** Validates. */
  public RetentionPolicy {
    if (daily < 0 || weekly < 0 || monthly < 0) {
      throw new IllegalArgumentException(
          "retention counts must be zero or more; were " + daily + "/" + weekly + "/" + monthly);
    }
    if (daily + weekly + monthly == 0) {
      throw new IllegalArgumentException(
          "a retention policy that keeps nothing would delete every backup");
    }
  }

  /** 7 daily, 4 weekly, 3 monthly. */
  public static RetentionPolicy defaults() {
    return new RetentionPolicy(7, 4, 3);
  }

  /** The backup times to keep, out of the given ones. */
  public Set<Instant> keep(List<Instant> backups) {
    List<Instant> newestFirst = backups.stream().sorted(Comparator.reverseOrder()).toList();
    Set<Instant> keep = new LinkedHashSet<>();
    keepNewestPerBucket(newestFirst, daily, i -> date(i).toString(), keep);
    keepNewestPerBucket(
        newestFirst,
        weekly,
        i ->
            date(i).get(IsoFields.WEEK_BASED_YEAR)
                + "-W"
                + date(i).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
        keep);
    keepNewestPerBucket(
        newestFirst, monthly, i -> date(i).getYear() + "-" + date(i).getMonthValue(), keep);
    return keep;
  }

  private static void keepNewestPerBucket(
      List<Instant> newestFirst,
      int buckets,
      Function<Instant, String> bucketOf,
      Set<Instant> keep) {
    Set<String> seen = new HashSet<>();
    for (Instant i : newestFirst) {
      if (seen.size() >= buckets) {
        return;
      }
      if (seen.add(bucketOf.apply(i))) {
        keep.add(i);
      }
    }
  }

  private static LocalDate date(Instant i) {
    return LocalDate.ofInstant(i, ZoneOffset.UTC);
  }
}
