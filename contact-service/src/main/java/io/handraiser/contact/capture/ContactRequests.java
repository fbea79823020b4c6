package io.handraiser.contact.capture;

import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.starter.web.Fields;

/** The JSON bodies of capture and profile update, turned into value objects with every bad field named. */
public final class ContactRequests {

    private ContactRequests() {
    }

    public record SourceBody(String system, String campaign) {
        public Source toSource(Fields fields, String path) {
            return fields.value(path, () -> new Source(system, campaign));
        }
    }

    public record ProfileBody(String firstName, String lastName, String company, String jobTitle, String industry,
                              Integer companySize, String country, String phone) {
        public Profile toProfile(Fields fields) {
            return fields.value("profile", () -> new Profile(firstName, lastName, company, jobTitle, industry, companySize, country, phone));
        }
    }

    public record CaptureBody(String email, String firstName, String lastName, String company, String jobTitle,
                              String industry, Integer companySize, String country, String phone,
                              SourceBody source, Stage stage) {

        public Email toEmail(Fields fields) {
            return fields.value("email", () -> new Email(email));
        }

        public Profile toProfile(Fields fields) {
            return new ProfileBody(firstName, lastName, company, jobTitle, industry, companySize, country, phone).toProfile(fields);
        }

        public Source toSource(Fields fields) {
            return source == null ? null : source.toSource(fields, "source");
        }

        public Stage toStage(Fields fields) {
            if (stage != null && stage != Stage.SUBSCRIBER && stage != Stage.LEAD) {
                fields.reject("stage", "a contact is captured as SUBSCRIBER or LEAD, not " + stage);
                return null;
            }
            return stage;
        }
    }
}
