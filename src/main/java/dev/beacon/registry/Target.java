package dev.beacon.registry;

import dev.beacon.model.ServiceDraft;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceSettings;
import dev.beacon.model.ServiceView;

/**
 * What a command sees of one service while the worker applies a batch: the view before the batch, and a draft made
 * on first use. All commands of the batch for this service share the draft, so the batch costs one copy.
 */
public final class Target {

  private final ServiceKey key;
  private final ServiceView base;
  private ServiceView replacement;
  private ServiceDraft draft;
  private boolean removed;
  private boolean removedByPeer;

  Target(ServiceKey key, ServiceView base) {
    this.key = key;
    this.base = base;
  }

  public ServiceKey key() {
    return key;
  }

  /** The view before this batch, or null. */
  public ServiceView base() {
    return base;
  }

  /** The draft of the service as it stands in this batch, or null when it does not exist. */
  public ServiceDraft draft() {
    if (draft == null && !removed) {
      ServiceView current = replacement != null ? replacement : base;
      draft = current == null ? null : current.draft();
    }
    return draft;
  }

  public ServiceDraft draftOrCreate(ServiceSettings settings) {
    if (draft() == null) {
      removed = false;
      draft = ServiceDraft.create(key, settings);
    }
    return draft;
  }

  public void remove() {
    removedByPeer = false;
    removed = true;
    replacement = null;
    draft = null;
  }

  /** Removes the service because a peer says so (Distro): the change is marked remote, so it is not echoed back. */
  public void removeByPeer() {
    remove();
    removedByPeer = true;
  }

  boolean removedByPeer() {
    return removedByPeer;
  }

  /** Replaces the whole view with one built elsewhere (a replica receiving its owner's view). */
  public void replace(ServiceView view) {
    removed = false;
    removedByPeer = false;
    replacement = view;
    draft = null;
  }

  boolean removed() {
    return removed && base != null;
  }

  ServiceView replacement() {
    return replacement;
  }

  ServiceDraft changedDraft() {
    return draft != null && draft.changed() ? draft : null;
  }
}
