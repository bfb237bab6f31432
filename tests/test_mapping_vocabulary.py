"""Guards on the concept vocabulary used by the criterion suggester."""

from promocase.analysis.concepts import vocabulary
from promocase.analysis.text import STOP_WORDS, stem


def test_no_single_word_trigger_stems_to_a_stop_word():
    # "theming" stems to "them" and "wellness" to "well": such triggers fire on ordinary prose.
    stops = set(STOP_WORDS) | {stem(w) for w in STOP_WORDS} | {"mak", "well"}
    allowed = {"own"}  # "owned", "owns" are ownership on purpose
    bad = [
        (phrase[0], concept)
        for bucket in vocabulary().phrases.values()
        for phrase, concept, _ in bucket
        if len(phrase) == 1 and phrase[0] in stops and phrase[0] not in allowed
    ]
    assert bad == []


def test_interface_screens_are_not_recruiting():
    vocab = vocabulary()
    ui = vocab.concepts("Moved the Android settings screens to Jetpack Compose")
    assert ui.get("mobile", 0) > ui.get("hiring", 0)
    assert "hiring" in vocab.concepts("Ran 12 phone screens for the platform team")


def test_the_board_of_directors_is_not_a_ticket_board():
    vocab = vocabulary()
    board = vocab.concepts("Took the platform plan to the board and answered the investors")
    assert board.get("strategy", 0) > board.get("delivery", 0)
    assert "delivery" in vocab.concepts("Kept the board current during the release")


def test_care_work_has_words_of_its_own():
    vocab = vocabulary()
    assert "clinical-care" in vocab.concepts(
        "Spotted his oxygen needs rising and escalated to outreach"
    )
    assert "patient-safety" in vocab.concepts("Ran a PDSA cycle that halved falls on the ward")
    mentoring = vocab.concepts("Was preceptor to two newly qualified nurses this spring")
    assert "preceptorship" in mentoring and "mentoring" in mentoring  # through its parent


def test_software_events_are_not_marketing_events():
    vocab = vocabulary()
    for text in (
        "Designed the event schema for order events",
        "Moved three teams onto the event platform",
        "Ran a workshop on event-driven design",
    ):
        assert vocab.concepts(text).get("marketing", 0) == 0, text
    assert vocab.concepts("Ran the launch event for the new API")["marketing"] >= 1
    assert vocab.concepts("Organised our booth at the trade show")["marketing"] >= 1


def test_shadow_traffic_is_a_migration_technique_not_mentoring():
    vocab = vocabulary()
    rollout = vocab.concepts("Ran the new pricing service in shadow mode against live traffic")
    assert rollout.get("mentoring", 0) == 0 and rollout["migration"] >= 1
    assert vocab.concepts("Had two juniors shadow my on-call weeks")["mentoring"] >= 1


def test_a_weak_opening_verb_does_not_outweigh_what_the_entry_is_about():
    """'Wrote' is only half a sign of communication; leading the line does not make it the
    point of "Wrote a growth plan with each of my mentees" (the lead boost is for clear
    actions such as "Mentored …")."""
    vocab = vocabulary()
    weak = vocab.concepts("Wrote a growth plan with each of my mentees", lead_boost=1.5)
    assert weak["communication"] <= 0.5 < weak["mentoring"]
    clear = vocab.concepts("Mentored two engineers and wrote them a growth plan", lead_boost=1.5)
    assert clear["mentoring"] > 1.0


def test_engineering_senses_of_people_and_ml_words_count_half():
    """'loan applications', 'row-level policies', 'reference model': each word has a people,
    org or ML sense, and at full weight it outweighed what the entry is about. The clear forms
    still count in full."""
    vocab = vocabulary()
    schema = vocab.concepts("Migrated the Postgres schema for loan applications")
    assert schema.get("hiring", 0) < schema["migration"]
    rls = vocab.concepts("Used Postgres row-level policies to isolate each clinic")
    assert rls.get("org-design", 0) < rls["backend"]
    rfc = vocab.concepts("Wrote the ledger RFC that cards now use as their reference model")
    assert rfc.get("machine-learning", 0) <= 0.5 and rfc.get("influence", 0) <= 0.5
    assert vocab.concepts("Screened 40 applicants for the data team").get("hiring", 0) >= 1
    assert vocab.concepts("Retrained the churn model on fresh labels")["machine-learning"] >= 1


def test_result_nouns_and_booked_count_half_as_business_impact():
    """'lab results', 'search results' and 'double-booked appointments' are not business
    results; at full weight they sent technical fixes to an 'Impact' competency."""
    vocab = vocabulary()
    bug = vocab.concepts("Fixed a timezone bug that double-booked appointments")
    assert bug.get("impact", 0) <= 0.5 < bug["bugs"]
    fhir = vocab.concepts("Built the FHIR import for lab results, parser to Postgres schema")
    assert fhir.get("impact", 0) <= 0.5
    assert vocab.concepts("Grew new bookings 18% in EMEA").get("impact", 0) >= 1


def test_behaviours_frameworks_list_as_worked_examples_have_concepts():
    """Frameworks' worked examples describe behaviours ("Makes space for quieter colleagues")
    rather than logging tools; each kind of behaviour needs words of its own."""
    vocab = vocabulary()
    cases = {
        "Makes space for quieter colleagues to speak in design discussions": "collaboration",
        "Checks understanding by playing the request back before starting": "communication",
        "Limits work in progress and keeps the board honest": "delivery",
        "Puts a less visible teammate forward for the migration lead role": "mentoring",
        "Keeps a record of skills they want to build and a learning plan": "self-development",
        "Won over sceptical teams to one deploy process without formal authority": "influence",
        "Makes the payment handlers idempotent so retries are safe": "backend",
    }
    for text, concept in cases.items():
        assert vocab.concepts(text).get(concept, 0) >= 1, text


def test_generic_words_do_not_claim_people_work():
    # "develops features", "the list includes", "grows the cache" are not about people
    vocab = vocabulary()
    for text in ("Develops features for the billing API", "Grows the cache only when needed"):
        assert vocab.concepts(text).get("mentoring", 0) == 0, text
    assert vocab.concepts("Writes tests for the parser").get("communication", 0) <= 0.75


def test_game_engine_work_is_technical():
    vocab = vocabulary()
    for text in (
        "Writes shaders that behave the same on every console",
        "Tracks down a null-pointer crash in the spawn logic with breakpoints",
    ):
        found = vocab.concepts(text)
        assert max(found.get("game-tech", 0), found.get("bugs", 0)) >= 1, text
        assert found.get("technical", 0) > found.get("communication", 0), text


def test_concepts_within_a_broader_one_and_full_triggers():
    from promocase.analysis.concepts import Vocabulary

    vocab = Vocabulary(
        "technical: code\n"
        "infra > technical: kubernetes, k8s\n"
        "mentoring > people: mentor, pair*0.5\n"
    )
    assert vocab.within("technical") == {"technical", "infra"}
    assert vocab.within("people") == {"people", "mentoring"}
    triggers = vocab.full_triggers()
    assert triggers["infra"] == ["kubernet", "k8s", "infra"]
    assert "pair" not in triggers["mentoring"]  # an ambiguous trigger is no probe


def test_scores_are_the_same_in_every_process():
    """String hashing differs from one process to the next; the criterion scores must not
    (the terms of a text are summed in the text's order, not a set's)."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "from promocase.analysis.mapping import Suggester\n"
        "from promocase.services.ladders import load_sample\n"
        "s = Suggester(load_sample('software-engineer'))\n"
        # dev texts whose scores differed in their last bits between processes before
        "texts = ['Made onboarding way easier for new hires',\n"
        "         'Managed a team of 5 designers across two product areas.',\n"
        "         'Worked on improving the reliability of the data pipelines.',\n"
        "         'Made the onboarding experience much smoother for new users.',\n"
        "         'Spent most of Q3 reviewing pull requests for the platform team.',\n"
        "         'Grow as a people leader and keep building a strong team culture.']\n"
        "print([repr(s._raw_scores(t)) for t in texts])\n"
    )
    src = str(Path(__file__).parents[1] / "src")
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": src, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(runs) == 1


def test_update_as_a_verb_is_not_full_communication():
    """'Update the retry logic' is how commit subjects start; a weekly or status update is
    communication. The bare word counts half, the update someone sends counts fully."""
    from promocase.analysis.concepts import vocabulary

    vocab = vocabulary()
    assert vocab.concepts("Update the retry logic").get("communication", 0) < 1
    for sent in ("Sent the weekly update", "Posted daily updates", "Wrote the incident update"):
        assert vocab.concepts(sent).get("communication", 0) >= 1, sent


def test_a_number_in_a_criterion_is_not_a_topic_word():
    """The one criterion whose text holds "1" ("weekly 1:1s") took every entry with a 1 in it:
    each single-commit git entry ends "(1 commit, 2 files, …)". Numbers carry no topic."""
    from promocase.analysis.mapping import Suggester
    from promocase.core.ladder import Criterion, Ladder, Level

    ladder = Ladder(
        "two",
        (Level("L1", "One"), Level("L2", "Two")),
        (
            Criterion("people", "Growing people", description="Holds weekly 1:1s with juniors"),
            Criterion("craft", "Craft", description="Keeps the config and code clean"),
        ),
    )
    suggester = Suggester(ladder)
    one = suggester.rank("Rename the config keys (1 commit, 3 files, +12/−12 lines)")
    seven = suggester.rank("Rename the config keys (7 commits, 3 files, +12/−12 lines)")
    assert one == seven and one[0][0] == "craft"
    assert suggester.rank("Held weekly 1:1s with two juniors")[0][0] == "people"  # the phrase


def test_a_commitment_is_not_a_commit():
    assert stem("commitments") == stem("commitment") != stem("commits") == stem("commit")


def test_a_source_is_not_sourcing_candidates():
    from promocase.analysis.mapping import Suggester
    from promocase.services.ladders import load_sample

    assert stem("sources") == stem("source") != stem("sourced") == stem("sourcing")
    suggester = Suggester(load_sample("software-engineer"))
    lookup = "Ladder reader: the CLI picks the --home source in one lookup"
    assert suggester.rank(lookup)[0][0] != "hiring"
    assert suggester.rank("Sourced 30 candidates for the platform team")[0][0] == "hiring"


def test_a_state_is_not_stats_and_logged_in_is_not_logging():
    from promocase.analysis.concepts import vocabulary

    assert stem("state") == stem("states") == stem("stated") != stem("stats")
    assert stem("statement") != stem("stats") and stem("logged") != stem("logs")
    vocab = vocabulary()
    found = vocab.concepts("Fixed the widget showing a logged-out state on iOS")
    assert "mobile" in found and "data" not in found and "operations" not in found
    assert "data" in vocab.concepts("Ran the stats for the churn study")
    assert "operations" in vocab.concepts("Cut the noise in our logs by half")


def test_a_git_size_note_does_not_move_the_suggestions():
    from promocase.analysis.mapping import Suggester
    from promocase.services.ladders import load_sample

    suggester = Suggester(load_sample("software-engineer"))
    bare = "Add retry with jitter to the payments client"
    for note in (
        " (1 commit, 2 files, +9/−9 lines in web)",
        " (12 commits, 40 files, +3/-1 lines)",
        " (5 commits, 5 files, +5/−5 lines in (root), docs)",  # files at the repository's top
    ):
        assert suggester.rank(bare + note) == suggester.rank(bare)
    kept = "Cut the build from 20 to 8 minutes (with caching)"  # any other parenthesis stays
    assert suggester.rank(kept) != suggester.rank("Cut the build from 20 to 8 minutes")


def test_work_words_from_the_session_13_blind_sets_name_their_kind_of_work():
    from promocase.analysis.concepts import vocabulary

    vocab = vocabulary()
    cases = {
        "Date picker overflows the viewport on Safari 16": "web-frontend",
        "Added a transactional outbox so no message is lost when the broker is down": "backend",
        "Closed the picked-up task without being assigned": "initiative",
        "Handheld scanners at the depot not syncing to the WMS": "infrastructure",
        "Set up a skills matrix and spent the training budget on the gaps": "mentoring",
        "Agreed a phased return plan for a colleague back from sick leave": "wellbeing",
        "Proposed meeting-free Wednesdays so people get focus time": "wellbeing",
    }
    for text, concept in cases.items():
        assert concept in vocab.concepts(text), text


def test_customer_service_is_not_a_backend_service_and_a_news_article_is_not_a_blog_post():
    from promocase.analysis.concepts import vocabulary

    vocab = vocabulary()
    found = vocab.concepts("Works with editorial, marketing and customer service teams")
    assert "support" in found and "backend" not in found
    assert "backend" in vocab.concepts("Split the billing service into two services")
    # a publisher's articles are its product: the word alone leans on evangelism only half
    assert vocab.concepts("Article render time")["evangelism"] < 1.0
    assert vocab.concepts("Wrote a blog post on our migration")["evangelism"] >= 1.0


def test_decisions_not_to_build_research_methods_and_teaching_until_someone_can():
    from promocase.analysis.concepts import vocabulary

    vocab = vocabulary()
    assert "decision" in vocab.concepts("Turned down the dark-mode idea for the portal")
    assert "decision" in vocab.concepts("Deprioritised the bulk upload screen")
    assert "user-research" in vocab.concepts("Ran a two-week diary study with 8 agents")
    assert "user-research" in vocab.concepts("Did site visits at two adjuster offices")
    assert "hiring" in vocab.concepts("Ran portfolio reviews for the open designer role")
    assert "mentoring" in vocab.concepts("Paired with Lucas until he could run the deploy alone")
    assert "org-design" in vocab.concepts("Reorganised the platform group into two squads")
    # a broker that is a customer, or a queue, is not someone brokering an agreement
    assert "collaboration" not in vocab.concepts("Quote flow for brokers")
    assert "collaboration" in vocab.concepts("Brokered an agreement between the two teams")


def _assert_kinds(kinds: dict[str, tuple[str, str]]) -> None:
    """Each text names its kind of work, and still counts toward the broader kind."""
    vocab = vocabulary()
    for text, (kind, broad) in kinds.items():
        found = vocab.concepts(text)
        assert found.get(kind, 0) >= 1, (text, found)
        assert found.get(broad, 0) > 0, (text, found)


def test_security_and_marketing_work_have_kinds_a_ladder_can_tell_apart():
    _assert_kinds(
        {
            "Searched 90 days of VPC flow logs after a threat-intel tip; no contact": (
                "threat-detection",
                "security",
            ),
            "Triaged HackerOne reports and found an IDOR in the payslip API": (
                "security-findings",
                "security",
            ),
            "Rolled out OPA Gatekeeper so privileged pods are rejected": (
                "security-controls",
                "security",
            ),
            "Ran a KnowBe4 phishing simulation for the whole company": (
                "security-awareness",
                "security",
            ),
            "Set up a 5-step win-back journey in Braze for lapsed subscribers": (
                "campaigns",
                "marketing",
            ),
            "Directed the spring photo shoot and rewrote the homepage copy": (
                "brand-content",
                "marketing",
            ),
            "Moved us from last-click to data-driven attribution in GA4": (
                "marketing-analytics",
                "marketing",
            ),
        }
    )


def test_finding_something_is_not_security_work():
    # "findings" stems to "find": as a trigger it made every "found" and "find" security work
    vocab = vocabulary()
    assert "security" not in vocab.concepts("Paired with Jo to find why the dashboard was slow")
    assert "security" not in vocab.concepts("Shared my findings from the churn interviews")
    assert "security" in vocab.concepts("Closed all 14 audit findings from the SOC 2 review")


def test_reqs_and_management_tiers_are_hiring_and_org_design():
    vocab = vocabulary()
    assert "hiring" in vocab.concepts("Converted our open req from frontend to backend")
    assert "org-design" in vocab.concepts("Cut the management tiers from five to four")
    assert "hiring" not in vocab.concepts("Wrote up the requirements for the export API")


def test_a_one_to_one_is_mentoring_and_half_management():
    found = vocabulary().concepts("Meeting: 1:1 with Mei (recurring, 45 min)")
    assert found.get("mentoring", 0) >= 1
    assert 0 < found.get("management", 0) < found["mentoring"]


def test_care_for_the_team_names_wellbeing():
    vocab = vocabulary()
    for text in (
        "Moved standup to 10:00 so the working parents on the team could join",
        "Culture Amp showed remote engineers scoring lower on 'I feel heard'",
        "Arranged a reduced-hours month with HR after his surgery",
        "Rotated who runs the demo so the quieter engineers get the floor",
        "No regretted leavers across my three teams this year",
    ):
        assert vocab.concepts(text).get("wellbeing", 0) >= 1, text


def test_operations_work_has_kinds_an_sre_ladder_can_tell_apart():
    _assert_kinds(
        {
            "Was incident commander for the checkout SEV1; rolled back in 6 min": (
                "incident-response",
                "operations",
            ),
            "Cut pages from 90 a week to 20 by deleting cause-based alerts": (
                "observability",
                "operations",
            ),
            "Agreed SLOs and error budgets with the three payments teams": (
                "observability",
                "operations",
            ),
            "Load tested the ingest tier and pre-scaled it for the holiday peak": (
                "capacity-planning",
                "operations",
            ),
            "Turned the 30-step manual failover checklist into one command": (
                "toil-reduction",
                "operations",
            ),
            "Shipped preview environments per pull request, self-service": (
                "developer-platform",
                "productivity",
            ),
        }
    )
    # a product team's feature is no platform work
    vocab = vocabulary()
    assert "developer-platform" not in vocab.concepts("Shipped the new checkout page for web")


def test_machine_learning_work_has_kinds_an_ml_ladder_can_tell_apart():
    _assert_kinds(
        {
            "Replaced the churn classifier with a gradient-boosted model; tuned the learning rate": (
                "ml-modelling",
                "machine-learning",
            ),
            "Built a golden set of 1,500 queries and fixed target leakage in the holdout": (
                "ml-evaluation",
                "machine-learning",
            ),
            "Moved training features into a Feast feature store with an MLflow model registry": (
                "ml-platform",
                "machine-learning",
            ),
            "Added data drift alerts and shadow traffic for the new pricing model": (
                "model-monitoring",
                "machine-learning",
            ),
            "Wrote the model card and ran a bias audit for protected attributes": (
                "responsible-ai",
                "machine-learning",
            ),
            "Found in Mixpanel that half of new users drop off at the invite step": (
                "product-analytics",
                "analytics",
            ),
        }
    )


def test_words_that_stem_like_machine_learning_or_design_terms_do_not_trigger_them():
    # "embedded" and "embeddings" share a stem, as do "couples" and "coupling", and a
    # "callback" in code is no call back to a customer
    vocab = vocabulary()
    assert "machine-learning" not in vocab.concepts("Embedded with the payments squad for Q2")
    assert "machine-learning" in vocab.concepts("Computed sentence embeddings for the catalogue")
    assert "architecture" not in vocab.concepts("Interviewed couples about the weekly shop")
    assert "architecture" in vocab.concepts("Removed the tight coupling between billing and auth")
    assert "customer" not in vocab.concepts("Replaced the callback pyramid with async/await")
    assert "ml-modelling" not in vocab.concepts("Shipped two new features to the settings page")


def test_warehouse_cost_data_reliability_and_org_updates_name_their_kind_of_work():
    """From session 21's read blind sets (a data-engineering and an EM ladder): warehouse
    credits and slot commitments are cost work, freshness targets and quarantined rows are
    data quality, a weekly staff note is communication."""
    _assert_kinds(
        {
            "Resource monitors and per-team credit budgets on the warehouse": (
                "cost-efficiency",
                "impact",
            ),
            "Moved us from on-demand pricing to a slot commitment": ("cost-efficiency", "impact"),
            "Published freshness targets for the most-used tables": ("data-quality", "data"),
            "Quarantine rows with negative quantities in the staging model": (
                "data-quality",
                "data",
            ),
            "Cut my staff updates down to three bullets, one risk, one ask": (
                "communication",
                "collaboration-broad",
            ),
            "Wrote down our values and started naming them in team meetings": ("culture", "people"),
        }
    )


def test_identity_incidents_and_suppliers_are_kinds_of_security_work():
    """From session 21's read security ladders: workforce identity, security incident
    handling and supplier risk are kinds of security work a ladder can tell apart from
    hardening the cloud and from detection, and each still counts as security."""
    _assert_kinds(
        {
            "Moved 23 SaaS apps behind Okta SSO and turned off local logins": (
                "identity-access",
                "security",
            ),
            "Ran the Q2 user access review; 112 stale accounts removed": (
                "identity-access",
                "security",
            ),
            "Isolated the laptop, pulled a memory image and kept chain of custody": (
                "security-incident",
                "security",
            ),
            "Sent the security questionnaire and reviewed the subprocessor list": (
                "vendor-risk",
                "security",
            ),
            "Connected Drata so the SOC 2 control tests run automatically": (
                "legal-compliance",
                "risk",
            ),
        }
    )
    vocab = vocabulary()
    # detection is its own kind: a new SIEM rule is not incident handling
    assert "security-incident" not in vocab.concepts("Wrote Sigma rules for the SIEM")
    assert "identity-access" not in vocab.concepts("Added guardrails: SCPs deny public buckets")
