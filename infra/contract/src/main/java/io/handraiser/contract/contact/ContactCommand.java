package io.handraiser.contract.contact;

/**
 * A request to the Contact aggregate. Commands never name their actor: the service starter puts
 * the authenticated caller into the metadata under {@link io.handraiser.contract.shared.Actor#META_DATA_KEY}.
 */
public sealed interface ContactCommand
        permits CaptureContact, UpdateContactProfile, RecordEngagement, MarkAsMql, AcceptAsSql,
                ReturnToNurture, DisqualifyContact, RequalifyContact, AdvanceStage, EraseContact {

    ContactId contactId();
}
