package io.handraiser.contract.catalogue;

import io.handraiser.contract.shared.Actor;

import java.time.Instant;

/**
 * A fact about the deployment's catalogues of custom contact properties and custom activity types. contact-service
 * owns them and validates what it accepts against them; the facts are on the shared log so that other services
 * (scoring) project the same catalogue without calling contact-service.
 * <p>
 * What may change once defined: a property's description, and a one-of property's options may grow; its type,
 * its personal flag and its existing options do not change (contact-service answers 409), since values already
 * stored, and encrypted or not, were checked against them. An activity type's description and attributes may grow;
 * whether it has a numeric value and that value's unit do not change. Repeating a definition unchanged states no new
 * fact. Nothing is ever removed: values recorded under an entry stay readable.
 */
public sealed interface CatalogueEvent permits PropertyDefined, ActivityTypeRegistered {

    Actor actor();

    Instant at();
}
