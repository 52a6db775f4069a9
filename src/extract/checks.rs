//! Rule families checked one sentence at a time through `check`: a new case is one line.
//! Relations are written "Source kind Target [status]" with the entities' names; for the
//! symmetric kinds (meets, agrees_with, fights) either order is the same relation.

use super::{Article, extract};
use crate::model::RelationKind;

/// The relations extracted from `text`, as "Source kind Target [status]", sorted.
fn relations(text: &str) -> Vec<String> {
    let article = Article {
        id: "a".to_owned(),
        text: text.to_owned(),
        ..Article::default()
    };
    let dataset = extract(&[article], None);
    let name = |id: &str| {
        dataset
            .entities
            .iter()
            .find(|e| e.id == id)
            .map_or(id.to_owned(), |e| e.name.clone())
    };
    let mut found: Vec<String> = dataset
        .relations
        .iter()
        .map(|r| {
            let (mut source, mut target) = (name(&r.source), name(&r.target));
            let symmetric = matches!(
                r.kind,
                RelationKind::Meets | RelationKind::AgreesWith | RelationKind::Fights
            );
            if symmetric && target < source {
                std::mem::swap(&mut source, &mut target);
            }
            let kind: &str = r.kind.into();
            match r.status {
                Some(status) => {
                    let status: &str = status.into();
                    format!("{source} {kind} {target} {status}")
                }
                None => format!("{source} {kind} {target}"),
            }
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

/// Asserts that `text` gives exactly `expected` (symmetric pairs in alphabetical order).
fn check(text: &str, expected: &[&str]) {
    let mut expected: Vec<String> = expected.iter().map(|e| (*e).to_owned()).collect();
    expected.sort();
    assert_eq!(relations(text), expected, "in {text:?}");
}

/// The names of the entities extracted from `text`, sorted.
fn entities(text: &str) -> Vec<String> {
    let article = Article {
        id: "a".to_owned(),
        text: text.to_owned(),
        ..Article::default()
    };
    let mut names: Vec<String> = extract(&[article], None)
        .entities
        .into_iter()
        .map(|e| e.name)
        .collect();
    names.sort();
    names
}

#[test]
fn a_meeting_of_a_list_is_found_when_the_verb_takes_no_object() {
    check(
        "Turkey and Russia met in Moscow on Monday.",
        &["Russia meets Turkey"],
    );
    check(
        "Egypt, Qatar and Turkey resumed talks on Sunday.",
        &[
            "Egypt meets Qatar",
            "Egypt meets Turkey",
            "Qatar meets Turkey",
        ],
    );
}

#[test]
fn negation_and_status() {
    check("Turkey did not meet Greece.", &[]);
    check(
        "Turkey will meet Greece on Saturday.",
        &["Greece meets Turkey scheduled"],
    );
    check("Russia backed Syria.", &["Russia supports Syria"]);
    check("Syria is backed by Russia.", &["Russia supports Syria"]);
}

#[test]
fn every_actor_named_is_an_entity_even_without_a_relation() {
    assert_eq!(
        entities("The European Union said on Monday that Kenya would host the summit."),
        ["European Union", "Kenya"]
    );
    // A dateline's place is where the report was written, not an actor of it.
    let dateline = "NAIROBI, Kenya (AP) - Ethiopia and Somalia signed a deal on Monday.";
    assert_eq!(entities(dateline), ["Ethiopia", "Somalia"]);
    check(dateline, &["Ethiopia agrees_with Somalia"]);
    // News English's "Congo" is the Democratic Republic, under all its names; the other Congo
    // is named as a republic or by its capital.
    assert_eq!(
        entities(
            "The Democratic Republic of Congo and Rwanda met. Congo said Kinshasa would not \
             sign, and the Republic of Congo stayed away."
        ),
        [
            "Democratic Republic of the Congo",
            "Republic of the Congo",
            "Rwanda"
        ]
    );
}

#[test]
fn roles_from_titles() {
    check(
        "Turkish President Recep Tayyip Erdogan spoke.",
        &["Recep Tayyip Erdogan leads Turkey"],
    );
    // The possessor is whom an envoy serves; the body between is where.
    check(
        "China's U.N. ambassador, Fu Cong, spoke on Monday.",
        &["Fu Cong member_of China"],
    );
    check(
        "Russia's EU envoy Vladimir Chizhov left Brussels.",
        &["Vladimir Chizhov member_of Russia"],
    );
}

#[test]
fn a_verb_joined_by_and_shares_the_subject_of_the_sentence() {
    check(
        "Russian Ambassador Vassily Nebenzia said the text was \"hastily drafted\" and criticized the United States.",
        &[
            "Vassily Nebenzia member_of Russia",
            "Vassily Nebenzia opposes United States",
        ],
    );
    // Not when the joined verb has a subject of its own, nor with a place for its object.
    check(
        "Sudan's foreign ministry sent a delegation and accused the militia of starving the city of El Fasher.",
        &["Sudanese foreign ministry member_of Sudan"],
    );
    check(
        "Egypt condemned the raid and Qatar backed Libya.",
        &["Qatar supports Libya"],
    );
}

#[test]
fn a_relative_clause_acts_for_what_it_follows() {
    // "officials, who have rejected": the officials reject, not the person before them.
    check(
        "Nigerien President Mohamed Bazoum met Malian officials, who have rejected France's plan.",
        &[
            "Mali opposes France",
            "Mohamed Bazoum leads Niger",
            "Mali meets Mohamed Bazoum",
        ],
    );
    check(
        "Turkey said on Monday that Egypt, which has condemned Libya, would attend.",
        &["Egypt opposes Libya"],
    );
}

#[test]
fn an_attribution_after_the_claim_makes_it_reported() {
    check(
        "Mali is backed by Russia, according to Western diplomats.",
        &["Russia supports Mali reported"],
    );
}

#[test]
fn pronouns_stand_for_the_person_named_before() {
    let visit = "Turkish President Recep Tayyip Erdogan flew to Moscow on Monday.";
    check(
        &format!("{visit} He met Russian President Vladimir Putin."),
        &[
            "Recep Tayyip Erdogan leads Turkey",
            // A trip is a visit to the government (docs/ANNOTATION.md).
            "Recep Tayyip Erdogan meets Russia",
            "Recep Tayyip Erdogan meets Vladimir Putin",
            "Vladimir Putin leads Russia",
        ],
    );
    // "he" after a person in its own sentence is that person.
    check(
        "Egyptian President Abdel Fattah el-Sissi said he would back Sudan.",
        &[
            "Abdel Fattah el-Sissi leads Egypt",
            "Abdel Fattah el-Sissi supports Sudan planned",
        ],
    );
    // "him" is not the subject of its sentence.
    check(
        "Libyan Prime Minister Abdul Hamid Dbeibah refused to resign. Speaker Aguila Saleh \
         said Dbeibah had lost legitimacy and called on him to step down.",
        &[
            "Abdul Hamid Dbeibah leads Libya",
            "Aguila Saleh calls_for Abdul Hamid Dbeibah",
        ],
    );
    // A pronoun no one is found for is still a subject: the actors before it are not.
    check(
        "Russia denounced the resolution after it condemned Syria.",
        &[],
    );
    // "X said it": X.
    check("Mali said it condemned Niger.", &["Mali opposes Niger"]);
    // "they" is the list the sentence opens with.
    check(
        "Yoon Suk Yeol and Fumio Kishida said they condemned North Korea.",
        &[
            "Fumio Kishida opposes North Korea",
            "Yoon Suk Yeol opposes North Korea",
        ],
    );
}

#[test]
fn plural_descriptions_stand_for_the_two_just_named() {
    check(
        "Turkish President Recep Tayyip Erdogan hosted Russian President Vladimir Putin in \
         Istanbul. The two leaders condemned the attack on Libya.",
        &[
            "Recep Tayyip Erdogan leads Turkey",
            "Recep Tayyip Erdogan meets Vladimir Putin",
            "Recep Tayyip Erdogan opposes Libya",
            "Vladimir Putin leads Russia",
            "Vladimir Putin opposes Libya",
        ],
    );
    check(
        "Fighting broke out between Thailand and Cambodia. The two sides met in Malaysia.",
        &["Cambodia fights Thailand", "Cambodia meets Thailand"],
    );
    // After another actor, "both sides" may be anyone's ("Ethiopia hosted talks between the
    // two sides"), unless they are called on: then they are the two named before, when the
    // caller is neither.
    check(
        "Fighting broke out between Thailand and Cambodia. The UN urged both sides to talk.",
        &[
            "Cambodia fights Thailand",
            "United Nations calls_for Cambodia",
            "United Nations calls_for Thailand",
        ],
    );
    check(
        "Fighting broke out between Thailand and Cambodia. Thailand urged both sides to talk.",
        &["Cambodia fights Thailand"],
    );
}

#[test]
fn a_quotation_speaks_for_its_speaker() {
    // After the quotation, and across its sentences.
    check(
        "\"We condemn Israel. We call on Egypt to open the crossing,\" Qatari Foreign \
         Ministry spokesman Majed al-Ansari said.",
        &[
            "Majed al-Ansari calls_for Egypt",
            "Majed al-Ansari member_of Qatari foreign ministry",
            "Majed al-Ansari opposes Israel",
            "Qatari foreign ministry member_of Qatar",
        ],
    );
    // Before it.
    check(
        "Iranian Foreign Minister Abbas Araghchi said: \"We support Syria.\"",
        &[
            "Abbas Araghchi member_of Iran",
            "Abbas Araghchi supports Syria",
        ],
    );
    // No speaker named: no one is the source.
    check("\"We condemn Israel,\" a statement read.", &[]);
}

#[test]
fn a_family_name_written_first_names_the_person_alone() {
    check(
        "Chinese President Xi Jinping arrived in Delhi. Indian Prime Minister Narendra Modi \
         met Xi on Friday.",
        &[
            "Narendra Modi leads India",
            "Narendra Modi meets Xi Jinping",
            "Xi Jinping leads China",
        ],
    );
}

#[test]
fn roles_by_whose_counterpart_and_portfolio() {
    check(
        "Togo, whose president, Faure Gnassingbe, received the delegations.",
        &["Faure Gnassingbe leads Togo"],
    );
    check(
        "Australian Prime Minister Anthony Albanese and his Papua New Guinean counterpart, \
         James Marape, arrived.",
        &[
            "Anthony Albanese leads Australia",
            "James Marape leads Papua New Guinea",
        ],
    );
    check(
        "Indian External Affairs Minister Subrahmanyam Jaishankar arrived.",
        &["Subrahmanyam Jaishankar member_of India"],
    );
}

#[test]
fn trips_warnings_and_thanks() {
    // A trip is a visit to the government; a trip to a named meeting is that meeting.
    check(
        "Egyptian Foreign Minister Sameh Shoukry will travel to Turkey on Monday.",
        &[
            "Sameh Shoukry meets Turkey scheduled",
            "Sameh Shoukry member_of Egypt",
        ],
    );
    check(
        "Libyan commander Khalifa Hifter traveled to Rome to meet Italian Premier Giuseppe \
         Conte.",
        &[
            "Giuseppe Conte leads Italy",
            "Giuseppe Conte meets Khalifa Hifter",
            "Khalifa Hifter leads Libya",
        ],
    );
    // The one warned comes right after the verb.
    check(
        "Israel warned Iran against retaliation.",
        &["Israel opposes Iran"],
    );
    check("Israel warned that Iran would retaliate.", &[]);
    check(
        "Ukraine thanked Turkey for its help.",
        &["Ukraine supports Turkey"],
    );
    // "press secretary", "flown back": not a verb.
    check(
        "Deportees were flown back on Colombian aircraft, White House press secretary \
         Karoline Leavitt said.",
        &["Karoline Leavitt member_of White House"],
    );
}

#[test]
fn a_common_noun_before_the_verb_is_its_subject() {
    check(
        "Libya faced an offensive and the fighting has threatened Egypt.",
        &[],
    );
    // Unless an actor owns it.
    check(
        "Bahrain's Sunni monarchy has long accused Iran of arming militants.",
        &["Bahrain opposes Iran"],
    );
}

#[test]
fn disputes_contacts_and_lists_with_determiners() {
    // A dispute is each side's against the other.
    check(
        "Egypt, which is locked in a bitter dispute with Ethiopia, condemned the deal.",
        &["Egypt opposes Ethiopia", "Ethiopia opposes Egypt"],
    );
    // "the" before a list's next member, and a speaker's counterpart.
    check(
        "Oman has hosted talks between Iran and the United States.",
        &[
            "Iran meets United States",
            "Iran meets Oman",
            "Oman meets United States",
        ],
    );
    check(
        "Saudi Foreign Minister Prince Faisal bin Farhan spoke by phone on Friday with Iraq.",
        &[
            "Iraq meets Prince Faisal bin Farhan",
            "Prince Faisal bin Farhan member_of Saudi Arabia",
        ],
    );
    check(
        "Qatar was in daily contact with Israel.",
        &["Israel meets Qatar"],
    );
    // "what he called" is no verb taking the object.
    check(
        "Guyana condemned what it called a provocation by Venezuela.",
        &["Guyana opposes Venezuela"],
    );
}

#[test]
fn the_kingdom_is_the_latest_kingdom_named() {
    check(
        "Iran condemned Saudi Arabia. The kingdom later hosted Iraq.",
        &["Iran opposes Saudi Arabia", "Iraq meets Saudi Arabia"],
    );
}

#[test]
fn a_description_stands_for_the_body_it_describes() {
    check(
        "ECOWAS leaders met in Abuja. The 15-nation bloc imposed sanctions on Niger.",
        &["ECOWAS opposes Niger"],
    );
    check(
        "NATO leaders gathered in The Hague. Russia condemned the alliance.",
        &["Russia opposes North Atlantic Treaty Organization"],
    );
    // An organisation known by its name is called by its head noun.
    check(
        "The Constitutional Council ruled on Friday. Senegal criticized the council.",
        &["Senegal opposes Constitutional Council"],
    );
    // "The council" in a report on a council vote is the council named most often.
    check(
        "The U.N. Security Council voted on Haiti. The U.N. Security Council met again. \
         Haiti's Transitional Presidential Council promised elections. \
         Kenya urged the council to act.",
        &[
            "Kenya calls_for U.N. Security Council",
            "Transitional Presidential Council member_of Haiti",
        ],
    );
    // "the council of ministers" is not a body named before.
    check(
        "The Constitutional Council ruled. Sall met the council of ministers.",
        &[],
    );
}

#[test]
fn his_government_is_the_state_of_his_title() {
    check(
        "Turkish President Tayyip Erdogan spoke in Ankara. His government criticized Greece.",
        &["Tayyip Erdogan leads Turkey", "Turkey opposes Greece"],
    );
    check(
        "Ethiopia rejected the report. Its government accused Egypt of stalling.",
        &["Ethiopia opposes Egypt"],
    );
}

#[test]
fn the_object_of_one_verb_is_not_the_subject_of_the_next() {
    // The council's decision is welcomed, not met; the prime minister thanks Kenya.
    check(
        "Haitian Prime Minister Alix Didier Fils-Aimé welcomed the council's decision and \
         thanked Kenya.",
        &[
            "Alix Didier Fils-Aimé leads Haiti",
            "Alix Didier Fils-Aimé supports Kenya",
        ],
    );
}

#[test]
fn a_list_meets_where_it_meets_and_joins_through_an_unknown_name() {
    check(
        "French President Emmanuel Macron, German Chancellor Friedrich Merz and Polish Prime \
         Minister Donald Tusk met for three hours at the Royal Castle.",
        &[
            "Donald Tusk leads Poland",
            "Donald Tusk meets Emmanuel Macron",
            "Donald Tusk meets Friedrich Merz",
            "Emmanuel Macron leads France",
            "Emmanuel Macron meets Friedrich Merz",
            "Friedrich Merz leads Germany",
        ],
    );
    check(
        "Ethiopian Prime Minister Abiy Ahmed and Puntland President Abdi Deni signed \
         the memorandum.",
        &[
            "Abdi Deni agrees_with Abiy Ahmed",
            "Abiy Ahmed leads Ethiopia",
        ],
    );
}

#[test]
fn said_it_and_a_possessor_praised() {
    check(
        "CARICOM said in a statement that it stood firmly with Guyana.",
        &["Caribbean Community supports Guyana"],
    );
    // Another actor between the reporting verb and "it" is what "it" may be: nothing is
    // guessed.
    check("Egypt said Ethiopia knew it stood with Sudan.", &[]);
    check(
        "U.S. Secretary of State Marco Rubio praised Mexico's efforts.",
        &[
            "Marco Rubio member_of United States",
            "Marco Rubio supports Mexico",
        ],
    );
    // A person the possessor's noun names, not the possessor.
    check(
        "French President Emmanuel Macron thanked Oman's representatives for their help.",
        &["Emmanuel Macron leads France"],
    );
    // A title with no name stands for the state it is of, as "Oman's president" does.
    check(
        "French President Emmanuel Macron thanked Oman's ruler for his help.",
        &[
            "Emmanuel Macron leads France",
            "Emmanuel Macron supports Oman",
        ],
    );
}

#[test]
fn after_a_relative_clause_the_verb_is_its_antecedents() {
    check(
        "The Arab League, of which Somalia is a member, condemned Ethiopia.",
        &["Arab League opposes Ethiopia"],
    );
    check(
        "Egypt, which backs Gen. Khalifa Hifter, condemned Turkey.",
        &["Egypt opposes Turkey", "Egypt supports Khalifa Hifter"],
    );
}

#[test]
fn a_call_on_the_two_sides_is_on_the_two_named_before() {
    check(
        "Thailand and Cambodia exchanged fire on Monday. U.S. President Donald Trump urged the \
         two sides to stop.",
        &[
            "Donald Trump calls_for Cambodia",
            "Donald Trump calls_for Thailand",
            "Donald Trump leads United States",
        ],
    );
}

#[test]
fn a_body_a_state_owns_is_its_institution() {
    check(
        "Senegal's Constitutional Council overruled the decree.",
        &["Constitutional Council member_of Senegal"],
    );
    // An international body is no state's.
    check("Kenya's African Union envoy arrived.", &[]);
}

#[test]
fn a_list_that_agrees_agrees_with_each_other() {
    check(
        "India and Pakistan agreed on Saturday to restore a cease-fire.",
        &["India agrees_with Pakistan"],
    );
    // With "with", one agrees with the other, once.
    check(
        "India agreed with Pakistan on a cease-fire.",
        &["India agrees_with Pakistan"],
    );
    check("India and Pakistan have not agreed to talks.", &[]);
}

#[test]
fn armed_groups_the_accused_and_the_head_of_a_phrase() {
    check(
        "Somali troops fought al-Shabab on Monday. The group attacked Mogadishu.",
        &["Somalia fights al-Shabab"],
    );
    // A passive with no agent is no attack by the actor before it.
    check(
        "Australia and Papua New Guinea signed a treaty to defend each other if attacked.",
        &["Australia agrees_with Papua New Guinea"],
    );
    // "the gunmen who attacked": the gunmen attacked.
    check(
        "Kurti said the gunmen who attacked Kosovo police fled.",
        &[],
    );
    // A known group's name inside a longer one is the longer one's.
    let found = entities("The United States struck Kataib Hezbollah in Iraq.");
    assert!(!found.contains(&"Hezbollah".to_owned()), "{found:?}");
    assert!(entities("Israel struck Hezbollah.").contains(&"Hezbollah".to_owned()));
    // The one accused does what the gerund says, as a report.
    check(
        "Congo accuses Rwanda of backing the M23.",
        &[
            "Democratic Republic of the Congo opposes Rwanda",
            "Rwanda supports M23 reported",
        ],
    );
    // Actors in one noun phrase qualify its head.
    check(
        "Viv Ansanm controls the capital. The coalition, led by former Haitian National Police \
         officer Jimmy Chérizier, attacked the airport.",
        &["Jimmy Chérizier leads Viv Ansanm"],
    );
}

#[test]
fn a_bare_title_in_a_report_from_home_is_the_home_state() {
    // Datelined in Guyana, which it names most.
    check(
        "GEORGETOWN, Guyana (AP) - President Irfaan Ali said Guyana would defend its border. \
         Guyana asked the United Nations for help.",
        &["Guyana calls_for United Nations", "Irfaan Ali leads Guyana"],
    );
    // Datelined elsewhere than the state it names most: nothing is guessed.
    check(
        "MEXICO CITY (AP) - President Donald Trump said Colombia and Colombia's neighbours \
         must act. Colombia refused.",
        &[],
    );
    // "Honduras'" is a possessive.
    check(
        "Honduras' President Xiomara Castro called a meeting.",
        &["Xiomara Castro leads Honduras"],
    );
}

#[test]
fn sanctions_named_before_and_relative_clauses_on_their_antecedent() {
    check(
        "Jimmy Chérizier, who has been under U.N. and U.S. sanctions since 2022, denied it.",
        &[
            "United Nations opposes Jimmy Chérizier",
            "United States opposes Jimmy Chérizier",
        ],
    );
    // The relative clause's own subject acts on its antecedent.
    check(
        "Greece backed Cyprus, whose gas blocks Turkey has long challenged.",
        &["Greece supports Cyprus", "Turkey opposes Cyprus"],
    );
    check(
        "North Korea, whose leader, Kim Jong Un, has rejected Seoul's offer, fired a missile.",
        &[
            "Kim Jong Un leads North Korea",
            "Kim Jong Un opposes South Korea",
        ],
    );
    // An antecedent that is no actor gives nothing.
    check("The EU criticized the report, which Russia rejected.", &[]);
}

#[test]
fn an_infinitive_after_a_call_is_not_the_callers_agreement() {
    check(
        "Saudi Arabia and the United States pressed the warring sides to agree to a truce.",
        &[],
    );
}

#[test]
fn a_spokesman_speaks_for_the_body_named_with_the_title() {
    // A body named just before the title, with or without a state before it.
    check(
        "\"We support Taiwan,\" State Department spokesman Matthew Miller said.",
        &[
            "Matthew Miller member_of State Department",
            "Matthew Miller supports Taiwan",
        ],
    );
    check(
        "Kremlin spokesman Dmitry Peskov condemned Ukraine.",
        &[
            "Dmitry Peskov member_of Russia",
            "Dmitry Peskov opposes Ukraine",
        ],
    );
    // "a spokesman for", "president of" a body, its state named before it.
    check(
        "Randhir Jaiswal, the spokesman for India's Ministry of External Affairs, said \
         India backs Nepal.",
        &[
            "India supports Nepal",
            "Ministry of External Affairs member_of India",
            "Randhir Jaiswal member_of Ministry of External Affairs",
        ],
    );
    check(
        "Omar Alieu Touray, president of the ECOWAS Commission, met Mali.",
        &[
            "ECOWAS Commission member_of ECOWAS",
            "Mali meets Omar Alieu Touray",
            "Omar Alieu Touray leads ECOWAS Commission",
        ],
    );
    check(
        "African Union Commission chairperson Mahmoud Ali Youssouf praised Cameroon.",
        &[
            "Mahmoud Ali Youssouf leads African Union Commission",
            "Mahmoud Ali Youssouf supports Cameroon",
        ],
    );
    // The spokesman for a titled person: the person's body, and their title stays theirs.
    check(
        "Stephane Dujarric, spokesman for United Nations Secretary-General Antonio Guterres, \
         called for a dialogue to end the conflict in Cameroon.",
        &[
            "Antonio Guterres leads United Nations",
            "Stephane Dujarric calls_for Cameroon",
            "Stephane Dujarric member_of United Nations",
        ],
    );
}

#[test]
fn an_object_closed_by_a_comma_is_the_verbs_own() {
    check(
        "Washington supports the pact, a State Department spokesman, Ned Price, said.",
        &["Ned Price member_of State Department"],
    );
    // A person's noun names the one after the comma.
    check(
        "Russian President Vladimir Putin met the group's leader, Kim Jong Un, in Moscow.",
        &[
            "Kim Jong Un meets Vladimir Putin",
            "Vladimir Putin leads Russia",
        ],
    );
}

#[test]
fn an_event_beside_a_clause_is_its_subjects_doing() {
    check(
        "Bahrain normalised ties with Israel in 2020, a move Iran condemned at the time.",
        &["Iran opposes Bahrain"],
    );
    check(
        "Tajikistan accused Kyrgyz forces of shelling villages, a charge that Kyrgyzstan \
         rejected.",
        &[
            "Kyrgyzstan opposes Tajikistan",
            "Tajikistan opposes Kyrgyzstan",
        ],
    );
    // No event noun between the comma and the subject: nothing to act on.
    check(
        "Bahrain normalised ties with Israel, and Iran condemned.",
        &[],
    );
}

#[test]
fn protests_dismissals_and_blacklists_oppose() {
    check(
        "Bolivia lodged a formal protest with Argentina.",
        &["Bolivia opposes Argentina"],
    );
    check(
        "Kenya dismissed Uganda's claims to the island.",
        &["Kenya opposes Uganda"],
    );
    check(
        "The United States blacklisted Iran's central bank.",
        &[
            "Iranian central bank member_of Iran",
            "United States opposes Iranian central bank",
        ],
    );
}

#[test]
fn a_title_after_its_or_a_capital_is_the_states_or_bodys_named_there() {
    // "Its TITLE, NAME" opening a sentence: the actor the sentence before opens with.
    check(
        "China abstained. Its deputy ambassador, Geng Shuang, criticized Ukraine.",
        &["Geng Shuang member_of China", "Geng Shuang opposes Ukraine"],
    );
    check(
        "The African Union welcomed the deal. Its chairperson, Moussa Faki, praised Kenya.",
        &[
            "Moussa Faki leads African Union",
            "Moussa Faki supports Kenya",
        ],
    );
    // Not the possessor the sentence opens with: what it owns is what it is about.
    check(
        "Russia's envoy, a veteran diplomat, spoke. Its spokesman, Ali Hamdan, praised Iraq.",
        &["Ali Hamdan supports Iraq"],
    );
    // "In CAPITAL, TITLE NAME": the capital's state.
    check(
        "In Beijing, foreign ministry spokesman Guo Jiakun criticized Japan.",
        &["Guo Jiakun member_of China", "Guo Jiakun opposes Japan"],
    );
    check(
        "At a briefing in Moscow, Foreign Minister Sergei Lavrov praised Iran.",
        &[
            "Sergei Lavrov member_of Russia",
            "Sergei Lavrov supports Iran",
        ],
    );
    // A state named in the title's own phrase comes first.
    check(
        "In Beijing, Philippine Foreign Secretary Enrique Manalo met Wang Yi.",
        &[
            "Enrique Manalo meets Wang Yi",
            "Enrique Manalo member_of Philippines",
        ],
    );
    // A state's institution named after it is the one its adjective names elsewhere.
    check(
        "The China Coast Guard warned Manila. The Chinese coast guard also criticized Vietnam.",
        &[
            "Chinese coast guard member_of China",
            "Chinese coast guard opposes Philippines",
            "Chinese coast guard opposes Vietnam",
        ],
    );
}

#[test]
fn a_delegation_led_by_and_a_state_represented_by_a_person_name_a_member() {
    // The delegation's possessor, not the one its leader leads.
    check(
        "Niger's delegation was led by Foreign Minister Bakary Yaou Sangare.",
        &["Bakary Yaou Sangare member_of Niger"],
    );
    check(
        "The Russian delegation, headed by Mikhail Bogdanov, arrived in Cairo.",
        &["Mikhail Bogdanov member_of Russia"],
    );
    // A head-of title makes the person the leader.
    check(
        "Chad's delegation was led by President Mahamat Deby.",
        &["Mahamat Deby leads Chad"],
    );
    check(
        "Turkey was represented at the summit by Deputy Foreign Minister Nuh Yilmaz.",
        &["Nuh Yilmaz member_of Turkey"],
    );
    // No possessor: nobody's delegation.
    check(
        "Iran hosted the talks, and the delegation was led by Abbas Araghchi.",
        &[],
    );
}

#[test]
fn a_body_named_with_the_one_it_is_part_of_is_its_member() {
    // The whole named on its own too: an actor of the text.
    check(
        "The U.N. Security Council condemned Iran. The United Nations sent aid to Yemen.",
        &[
            "U.N. Security Council member_of United Nations",
            "U.N. Security Council opposes Iran",
            "United Nations supports Yemen",
        ],
    );
    check(
        "The UN Security Council condemned Iran.",
        &[
            "U.N. Security Council member_of United Nations",
            "U.N. Security Council opposes Iran",
        ],
    );
    // Only a word of the body's name, or not named at all: no actor of its own.
    check(
        "The U.N. Security Council condemned Iran.",
        &["U.N. Security Council opposes Iran"],
    );
    check(
        "The Security Council condemned Iran.",
        &["U.N. Security Council opposes Iran"],
    );
}

#[test]
fn a_rank_between_a_title_and_a_name_is_the_persons() {
    // The title before the rank says whose the person is.
    check(
        "Niger's leader, General Abdourahamane Tiani, arrived in Moscow.",
        &["Abdourahamane Tiani leads Niger"],
    );
    check(
        "Guinea-Bissau's new military ruler, Brig. Gen. Armando Na Tchuda, rejected ECOWAS.",
        &[
            "Armando Na Tchuda leads Guinea-Bissau",
            "Armando Na Tchuda opposes ECOWAS",
        ],
    );
    // With no one named before the title, the rank is of the one named after the name.
    check(
        "The force increased its presence. Its commander, Major General Ozkan Ulutas of Turkey, praised Kosovo.",
        &[
            "Ozkan Ulutas member_of Turkey",
            "Ozkan Ulutas supports Kosovo",
        ],
    );
}

#[test]
fn a_place_in_a_meetings_pattern_and_those_present() {
    // A place after "in" stands inside the pattern's gap.
    check(
        "Takeshi Iwaya held talks in Beijing with Wang Yi.",
        &["Takeshi Iwaya meets Wang Yi"],
    );
    check(
        "There were talks in New York between David Lammy and Diana Mondino.",
        &["David Lammy meets Diana Mondino"],
    );
    // Those present at a signing, or attending a meeting, meet each other.
    check(
        "The pact was signed in the presence of Kais Saied and Giorgia Meloni.",
        &["Giorgia Meloni meets Kais Saied"],
    );
    check(
        "The summit was attended by Kenya, Uganda and Rwanda.",
        &[
            "Kenya meets Rwanda",
            "Kenya meets Uganda",
            "Rwanda meets Uganda",
        ],
    );
}

#[test]
fn suspensions_bans_and_an_infinitive_after_a_possessed_noun() {
    check(
        "The African Union suspended Madagascar after the takeover.",
        &["African Union opposes Madagascar"],
    );
    check(
        "Estonia, Latvia and Lithuania have banned Bidzina Ivanishvili.",
        &[
            "Estonia opposes Bidzina Ivanishvili",
            "Latvia opposes Bidzina Ivanishvili",
            "Lithuania opposes Bidzina Ivanishvili",
        ],
    );
    // Suspending what is no actor says nothing of the actor after it.
    check("Egypt suspended talks with Ethiopia.", &[]);
    // The infinitive's subject is the possessor of the noun before it.
    check(
        "Vanuatu postponed the vote, a setback to Canberra's efforts to counter China's influence.",
        &["Australia opposes China"],
    );
    check(
        "Belarusian President Alexander Lukashenko scoffed at Lithuania.",
        &[
            "Alexander Lukashenko leads Belarus",
            "Alexander Lukashenko opposes Lithuania",
        ],
    );
}

#[test]
fn selling_training_helping_and_solidarity_support() {
    check(
        "France has sold Armenia self-propelled howitzers.",
        &["France supports Armenia"],
    );
    check(
        "Turkey trains Somalia's army.",
        &[
            "Somali army member_of Somalia",
            "Turkey supports Somali army",
        ],
    );
    check(
        "Cameroon expressed solidarity with Chad.",
        &["Cameroon supports Chad"],
    );
    // Helping what is no actor says nothing of the actor after it.
    check(
        "Qatar helped the talks between Congo and Rwanda.",
        &["Democratic Republic of the Congo meets Rwanda"],
    );
}

#[test]
fn a_prepositional_phrase_is_no_subject_and_a_joined_verb_shares_the_sentences() {
    // The party the senator is of qualifies him: he is the one who accused.
    check(
        "Senator Andres Ruiz of the right-wing Democratic Centre party accused Colombia of lying.",
        &["Andres Ruiz opposes Colombia"],
    );
    // An act of a body is the body's.
    check(
        "A resolution of the General Assembly called on France to negotiate.",
        &["U.N. General Assembly calls_for France"],
    );
    // "but" and a participle after a comma share the sentence's subject.
    check(
        "Former President Ibrahim Solih welcomed the visit but accused Maldives of lying.",
        &["Ibrahim Solih opposes Maldives"],
    );
    check(
        "At a briefing in Beijing, spokesman Guo Jiakun said the deal was bad and accused Japan of stirring up trouble.",
        &["Guo Jiakun member_of China", "Guo Jiakun opposes Japan"],
    );
    check(
        "President Xiomara Castro, whose term ends in January, shot back, accusing the United States of meddling.",
        &["Xiomara Castro opposes United States"],
    );
    check(
        "Sweden asked Turkey to approve the bid.",
        &["Sweden calls_for Turkey"],
    );
    // The one urged is the noun before the infinitive, not the actor after it.
    check(
        "Kenya urged international partners to provide more boats to Somalia.",
        &[],
    );
}

#[test]
fn an_actor_glued_to_a_backing_participle_supports_what_it_qualifies() {
    check(
        "Congo's army clashed with Rwanda-backed M23 rebels.",
        &[
            "Congolese army fights M23",
            "Congolese army member_of Democratic Republic of the Congo",
            "Rwanda supports M23",
        ],
    );
    check(
        "Hezbollah, the Iran-backed group, denied it.",
        &["Iran supports Hezbollah"],
    );
    // A demonym qualifies the head further on.
    check(
        "Washington sanctioned the Iran-backed Iraqi armed group Kataib Hezbollah.",
        &[
            "Iran supports Kataib Hezbollah",
            "United States opposes Kataib Hezbollah",
        ],
    );
    // The backer is no part of the name it qualifies.
    check(
        "The Saudi-led coalition has fought the Iran-backed Huthis since 2015.",
        &["Iran supports Houthis"],
    );
}

#[test]
fn a_name_before_a_lower_case_party_noun_is_a_party() {
    assert!(
        entities("Senator Andres Ruiz of the Democratic Centre party spoke.")
            .contains(&"Democratic Centre".to_owned())
    );
}

#[test]
fn a_possessor_before_a_person_is_the_persons() {
    check(
        "Egyptian President Abdel Fattah al-Sisi hosted Eritrea's Isaias Afwerki and Somalia's Hassan Sheikh Mohamud.",
        &[
            "Abdel Fattah al-Sisi leads Egypt",
            "Abdel Fattah al-Sisi meets Hassan Sheikh Mohamud",
            "Abdel Fattah al-Sisi meets Isaias Afwerki",
        ],
    );
}

#[test]
fn membership_stated_by_a_copula_or_an_apposition() {
    check(
        "Lithuania, a member of both the European Union and NATO, closed its border.",
        &[
            "Lithuania member_of European Union",
            "Lithuania member_of North Atlantic Treaty Organization",
        ],
    );
    check(
        "Russia and China, both permanent members of the UN Security Council, back Serbia.",
        &[
            "China member_of U.N. Security Council",
            "Russia member_of U.N. Security Council",
            "U.N. Security Council member_of United Nations",
        ],
    );
    check(
        "Sweden became a member of NATO in 2024.",
        &["Sweden member_of North Atlantic Treaty Organization"],
    );
    // The member is the country, no actor here; and a partnership is with, not of, the one
    // named after it.
    check(
        "Alexander Lukashenko, whose country is a member of NATO, was less diplomatic.",
        &[],
    );
    check(
        "Australia is a member of AUKUS, a partnership with the United States.",
        &["Australia member_of AUKUS"],
    );
}

#[test]
fn agreements_in_the_plural_and_signed_by_a_list() {
    check(
        "Fiji and Tonga have also signed policing agreements with Australia.",
        &["Australia agrees_with Fiji", "Australia agrees_with Tonga"],
    );
    check(
        "The accord was signed by Japan and the Philippines on Monday.",
        &["Japan agrees_with Philippines"],
    );
}

#[test]
fn leaders_of_qualified_parties_and_heads_of_agencies() {
    check(
        "Tina Browne, leader of the opposition Democratic Party, objected.",
        &["Tina Browne leads Democratic Party"],
    );
    check(
        "The International Atomic Energy Agency said it had inspected the site. Its director general, Rafael Grossi, said more visits would follow.",
        &["Rafael Grossi leads International Atomic Energy Agency"],
    );
}

#[test]
fn blocking_and_vetoing_an_actor_or_its_bid() {
    check(
        "Bulgaria blocked North Macedonia's bid.",
        &["Bulgaria opposes North Macedonia"],
    );
    check(
        "Russia vetoed Kosovo's membership.",
        &["Russia opposes Kosovo"],
    );
    // What is blocked is a road, not the actor after it.
    check("Protesters blocked roads near Serbia.", &[]);
}

#[test]
fn fighting_ramming_and_fighting_alongside() {
    check(
        "The M23 have been fighting the Congolese army near Sake.",
        &[
            "Congolese army fights M23",
            "Congolese army member_of Democratic Republic of the Congo",
        ],
    );
    check(
        "China's coast guard rammed a Philippine coast guard vessel.",
        &[
            "Chinese coast guard fights Philippine coast guard",
            "Chinese coast guard member_of China",
            "Philippine coast guard member_of Philippines",
        ],
    );
    // On the M23's side, not against it.
    check("Rwandan soldiers were fighting alongside the M23.", &[]);
    // An embassy stormed is a building, not its state.
    check(
        "Ecuadorian police stormed the Mexican embassy in Quito.",
        &[],
    );
}

#[test]
fn a_month_is_no_modal_and_a_day_puts_an_intention_in_the_calendar() {
    check(
        "The United States, which helped broker the May cease-fire, has urged India to keep talking.",
        &["United States calls_for India"],
    );
    check(
        "Sonia Backes said she would meet Naima Moutchou on Tuesday.",
        &["Naima Moutchou meets Sonia Backes scheduled"],
    );
    check(
        "Sonia Backes said she would meet Naima Moutchou.",
        &["Naima Moutchou meets Sonia Backes planned"],
    );
}

#[test]
fn secretaries_justices_administrations_and_people_named_again() {
    check(
        "\"The judge is wrong,\" U.S. Treasury Secretary Scott Bessent said.",
        &["Scott Bessent member_of United States"],
    );
    check(
        "Brazil's Chief Justice Luis Roberto Barroso said the court would not be intimidated.",
        &["Luis Roberto Barroso member_of Brazil"],
    );
    check(
        "U.S. President Donald Trump spoke. The Trump administration imposed sanctions on Brazil.",
        &[
            "Donald Trump leads United States",
            "United States opposes Brazil",
        ],
    );
    // A person named again by the surname alone is shown without relations.
    assert!(
        entities("Alexandre de Moraes ruled on Monday. Moraes, 56, has become a lightning rod.")
            .contains(&"Alexandre de Moraes".to_owned())
    );
    // A name opening a sentence with its particle capitalised is the same person's.
    assert_eq!(
        entities("Alexandre de Moraes ruled. \"De Moraes is wrong,\" a lawyer said. Moraes spoke."),
        ["Alexandre de Moraes"]
    );
}

#[test]
fn spoken_by_phone_and_a_clause_after_that() {
    check(
        "AU envoy Mohamed Souef said he had spoken by phone with Jubaland leader Ahmed Madobe.",
        &[
            "Ahmed Madobe meets Mohamed Souef",
            "Mohamed Souef member_of African Union",
        ],
    );
    // "that" opens another clause: the minister is no one spoken with.
    check(
        "Anwar Ibrahim said he had spoken by phone with both prime ministers and that Foreign Minister Mohamad Hasan would travel.",
        &[],
    );
    // Speaking to reporters is no meeting.
    check(
        "Pedro Sanchez, speaking to Spanish reporters, shrugged off the criticism.",
        &[],
    );
}

#[test]
fn mediators_meet_the_parties_of_talks() {
    check(
        "Indirect talks between Israel and Hamas, mediated by Egypt and Qatar, resumed.",
        &[
            "Egypt meets Hamas",
            "Egypt meets Israel",
            "Hamas meets Israel",
            "Hamas meets Qatar",
            "Israel meets Qatar",
        ],
    );
    // A deal brokered is no meeting of its broker.
    check(
        "The deal between Bulgaria and North Macedonia, brokered by France, lifted the veto.",
        &["Bulgaria agrees_with North Macedonia"],
    );
}

#[test]
fn wrongs_named_by_a_speaker_listings_and_recalled_ambassadors() {
    // The wrong's doer after "by", or as a demonym before it.
    check(
        "Kaja Kallas condemned what she called a reckless provocation by Russia.",
        &["Kaja Kallas opposes Russia"],
    );
    check(
        "Hun Manet spoke on what he called Thai aggression.",
        &["Hun Manet opposes Thailand"],
    );
    // What the speaker calls no wrong is no opposition.
    check(
        "Japan welcomed what it called a historic step by South Korea.",
        &[],
    );
    // A terrorist listing; the same verb with another complement is none.
    check(
        "The United States designated Viv Ansanm a foreign terrorist organization.",
        &["United States opposes Viv Ansanm"],
    );
    check(
        "The United States designated Qatar a major non-NATO ally.",
        &[],
    );
    // An ambassador recalled from a capital: its state.
    check(
        "Mali recalled its ambassador from Algiers on Sunday.",
        &["Mali opposes Algeria"],
    );
}

#[test]
fn regions_are_no_one_and_a_title_s_remit_comes_before_the_name() {
    // A region's name is a place: not a person "him" could stand for.
    assert_eq!(
        entities("Morocco has ruled Western Sahara since 1975. Guterres called him."),
        ["Morocco"]
    );
    check(
        "The U.S. envoy for the Western Balkans, Gabriel Escobar, said it.",
        &["Gabriel Escobar member_of United States"],
    );
    // A remit that names an actor is not swallowed into the person.
    assert!(
        entities("The U.S. envoy to Russia, Gabriel Escobar, said it.").contains(&"Russia".into())
    );
}

#[test]
fn help_sought_given_and_the_subject_of_a_verb_after_and() {
    check(
        "Mali and Niger turned to Russia for military assistance.",
        &["Russia supports Mali", "Russia supports Niger"],
    );
    // Turning to someone for nothing named is no help.
    check("Mali turned to Russia in 2021.", &[]);
    check(
        "Lithuania gave shelter to opposition leader Sviatlana Tsikhanouskaya.",
        &["Lithuania supports Sviatlana Tsikhanouskaya"],
    );
    check(
        "Australia donated a patrol boat to Palau.",
        &["Australia supports Palau"],
    );
    // Right after "and", the list before is the earlier verb's object, not the subject.
    check(
        "The junta broke with former colonial power France and turned to Russia for help.",
        &[],
    );
    // A mutual verb after "and" goes on with its own clause's list.
    check(
        "President Donald Trump said Armenia and Azerbaijan met in Washington and agreed to end \
         the conflict.",
        &["Armenia agrees_with Azerbaijan", "Armenia meets Azerbaijan"],
    );
    // A possessor is not the sentence's subject; an apposition names it more closely.
    check(
        "Sheinbaum's predecessor, Andrés Manuel López Obrador, sent aid and visited Cuba.",
        &["Andrés Manuel López Obrador meets Cuba"],
    );
    check(
        "The ECOWAS chairman, President Julius Maada Bio, welcomed the talks and called on \
         Mali to return.",
        &[
            "Julius Maada Bio calls_for Mali",
            "Julius Maada Bio leads ECOWAS",
        ],
    );
}

#[test]
fn calls_joins_hosts_to_come_and_a_repeated_preposition() {
    check(
        "President Luiz Inacio Lula da Silva spoke in a telephone call with President Irfaan Ali.",
        &["Irfaan Ali meets Luiz Inacio Lula da Silva"],
    );
    check(
        "Chancellor Friedrich Merz and President Emmanuel Macron were joined for lunch by \
         President Volodymyr Zelenskiy.",
        &[
            "Emmanuel Macron meets Volodymyr Zelenskiy",
            "Friedrich Merz meets Volodymyr Zelenskiy",
        ],
    );
    // A base form after "to" is a verb.
    check(
        "Mexico is due to host Guatemala next week.",
        &["Guatemala meets Mexico scheduled"],
    );
    // What is called off after the trigger did not happen.
    check(
        "A meeting Angola had planned to host between Congo and Rwanda was called off.",
        &[],
    );
    check(
        "Turkey held talks with Iraq and with Iran.",
        &["Iran meets Turkey", "Iraq meets Turkey"],
    );
}

#[test]
fn memberships_joined_grouped_and_titles_with_a_remit() {
    check(
        "Indonesia joined the BRICS group in January.",
        &["Indonesia member_of BRICS"],
    );
    // Joining someone in doing something, or seeking to join, is no membership.
    check("Germany joined France in condemning the attack.", &[]);
    check("Kosovo renewed its bid to join NATO.", &[]);
    check(
        "The Weimar Triangle, which groups France, Germany and Poland, met in Warsaw.",
        &[
            "France member_of Weimar Triangle",
            "Germany member_of Weimar Triangle",
            "Poland member_of Weimar Triangle",
        ],
    );
    // A remit between the possessor and the title: the head of a part is a member.
    check(
        "Egypt's intelligence chief, Hassan Rashad, said the talks would resume.",
        &["Hassan Rashad member_of Egypt"],
    );
    check(
        "The EU's enlargement commissioner, Marta Kos, said it.",
        &["Marta Kos member_of European Union"],
    );
    check(
        "Massad Boulos, the senior US adviser for Africa, attended the ceremony.",
        &["Massad Boulos member_of United States"],
    );
}

#[test]
fn the_two_sides_a_third_party_urges_and_un_missions() {
    // The pair the report names together most, not the caller nor a place it names.
    check(
        "Benin closed its border with Niger. Niger accused Benin of sabotage. China has \
         invested in Niger. Its ambassador to Niger, Chen Haoran, urged the two neighbours to \
         settle the matter.",
        &[
            "Chen Haoran calls_for Benin",
            "Chen Haoran calls_for Niger",
            "Niger opposes Benin",
        ],
    );
    assert_eq!(
        entities("The United Nations mission in Afghanistan, UNAMA, called for restraint."),
        ["UNAMA"]
    );
}

#[test]
fn rule_led_wars_fought_strikes_and_invasions() {
    check(
        "Emomali Rahmon, who has led Tajikistan since 1992, spoke.",
        &["Emomali Rahmon leads Tajikistan"],
    );
    // Leading talks is no leading of the one talked with; a participle after an adverb
    // qualifies.
    check("Egypt led talks with Israel.", &["Egypt meets Israel"]);
    check("China claims democratically governed Taiwan.", &[]);
    check(
        "Argentina and Britain fought a war over the islands in 1982.",
        &["Argentina fights United Kingdom"],
    );
    check(
        "The United States and Britain have repeatedly struck Houthi targets.",
        &[
            "Houthis fights United Kingdom",
            "Houthis fights United States",
        ],
    );
    // Striking a deal is no strike.
    check("Iran struck a deal with Oman.", &["Iran agrees_with Oman"]);
    check(
        "Poland has backed Kyiv since Russia's full-scale invasion of Ukraine.",
        &["Poland supports Ukraine", "Russia fights Ukraine"],
    );
}

#[test]
fn the_body_a_title_is_of_before_the_name() {
    check(
        "Greek Prime Minister Kyriakos Mitsotakis spoke by phone with the commander of Aspides, \
         Rear Admiral Vasileios Gryparis, on Monday.",
        &[
            "Kyriakos Mitsotakis leads Greece",
            "Kyriakos Mitsotakis meets Vasileios Gryparis",
            "Vasileios Gryparis leads EUNAVFOR Aspides",
        ],
    );
}

#[test]
fn a_name_beside_a_body_s_noun_is_a_body() {
    assert_eq!(
        entities(
            "Russian gas giant Gazprom halted deliveries to Moldova. Officials from Rosatom, the \
             Russian state nuclear corporation, visited Niamey. Peter Magyar, leader of the \
             opposition Tisza party, spoke."
        ),
        [
            "Gazprom",
            "Moldova",
            "Niger",
            "Peter Magyar",
            "Rosatom",
            "Russia",
            "Tisza"
        ]
    );
    // An adjective or the end of a longer name is none.
    assert_eq!(
        entities("Leaders of the Kurdish party met. Neither party spoke."),
        Vec::<String>::new()
    );
}

#[test]
fn listings_in_the_passive_and_acts_against_each_other() {
    check(
        "The PKK is listed as a terrorist organisation by Turkey and the European Union.",
        &[
            "European Union opposes Kurdistan Workers' Party",
            "Turkey opposes Kurdistan Workers' Party",
        ],
    );
    check(
        "Ukraine and Hungary expelled each other's diplomats on Monday.",
        &["Hungary opposes Ukraine", "Ukraine opposes Hungary"],
    );
}
