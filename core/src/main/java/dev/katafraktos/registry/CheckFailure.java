package dev.katafraktos.registry;

import dev.katafraktos.model.Availability;

/** Ends one check early with an outcome other than PRESENT (e.g. the token service said no). */
class CheckFailure extends Exception {
  private final Availability availability;

  CheckFailure(Availability availability, String message) {
    super(message);
    this.availability = availability;
  }

  Availability availability() {
    return availability;
  }
}
