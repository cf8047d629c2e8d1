package io.github.remnawaveshop.core.store;

import java.util.List;
import java.util.Optional;

/**
 * The plan catalog with its prices. Obtained from {@link ShopStore#plans()} or {@link
 * StoreTransaction#plans()}.
 */
public interface PlanRepository {
  /**
   * Creates a plan with its prices (atomically).
   *
   * @param plan the content
   * @return the stored plan
   * @throws DuplicateKeyException when the code is taken ({@code shop_plans_code_key})
   */
  Plan create(NewPlan plan);

  /**
   * Replaces a plan's content and prices (atomically).
   *
   * @param id the plan
   * @param plan the new content
   * @return the updated plan, empty when no such plan
   */
  Optional<Plan> update(long id, NewPlan plan);

  /**
   * @param id plan id @return the plan, if any
   */
  Optional<Plan> findById(long id);

  /**
   * @param code plan code (exact) @return the plan, if any
   */
  Optional<Plan> findByCode(String code);

  /**
   * @return active plans in catalog order (sort order, then id)
   */
  List<Plan> listActive();

  /**
   * @return all plans in catalog order
   */
  List<Plan> listAll();

  /**
   * @param id plan id @param active the flag @return the updated plan, empty when no such plan
   */
  Optional<Plan> setActive(long id, boolean active);
}
