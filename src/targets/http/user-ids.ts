// The users of a run as the service knows them: the target file's `users` template gives buyer
// number i its id there. A scenario's buyer `user-N` is i = N; its other users (a storm's re-buyers
// and bogus cancellers) take the numbers after the last buyer, in the order they first act. The way
// back lets the checks read the service's records in the scenario's own ids.
import { userId } from '../../config/target-file/index.js';
import type { TargetFile } from '../../config/target-file/index.js';
import type { UserId } from '../../engine/ports.js';
import { buyerIndex } from '../../scenarios/sale.js';

/** Scenario ids ↔ the service's ids for one run. */
export class UserIds {
  private readonly toService = new Map<UserId, { id: string; i: number }>();
  private readonly toScenario = new Map<string, UserId>();
  private next: number;

  /** @param buyers how many buyers the scenario numbers (`user-0` … `user-<buyers−1>`). */
  constructor(
    private readonly file: Pick<TargetFile, 'users'>,
    private readonly runId: string,
    buyers: number,
  ) {
    this.next = buyers;
  }

  /** The service's id of scenario user `user`, and its number `{i}`. */
  serviceId(user: UserId): { id: string; i: number } {
    const known = this.toService.get(user);
    if (known !== undefined) return known;
    const i = buyerIndex(user) ?? this.next++;
    const named = { id: userId(this.file, this.runId, i), i };
    this.toService.set(user, named);
    this.toScenario.set(named.id, user);
    return named;
  }

  /** How the service names scenario user `user` (a buyer it never met too); any other id as it is. */
  label(user: UserId): string {
    const known = this.toService.get(user)?.id;
    if (known !== undefined) return known;
    const index = buyerIndex(user);
    return index === undefined ? user : userId(this.file, this.runId, index);
  }

  /** The scenario's id of a user the service names; an id no attempt used stays as the service wrote it. */
  scenarioId(serviceId: string): UserId {
    return this.toScenario.get(serviceId) ?? serviceId;
  }
}
