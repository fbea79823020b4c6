package io.handraiser.scoring.evaluation;

/**
 * How a contact turned out, by what really happened to it in the whole log: accepted as SQL or taken to a later
 * stage (positive); else returned to nurture as a bad fit or not ready, or disqualified (negative); else unknown,
 * which includes returns for reasons that say nothing about the lead (no response, SLA expired, duplicate...).
 */
public enum ContactOutcome { POSITIVE, NEGATIVE, UNKNOWN }
