//! Relations from verb and noun patterns between the actor mentions of a sentence, in the
//! tradition of event coders (TABARI, PETRARCH): a pattern names a relation kind and says
//! where its source and target stand (subject before an active verb, agent after "by" in the
//! passive, both ends in a coordinated list for mutual nouns such as "joint statement").
//!
//! Sentences are cut into clauses at "while", "but", semicolons and quotation marks, so an
//! actor of one clause never becomes the subject of another. A negation before the verb drops
//! the relation; "will", "expected to", "plans to" and "reportedly" give it a status.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::model::{RelationKind, Status};

use super::actors::{Role, Sentence};
use super::lexicon::{self, contains};
use super::registry::Found;
use super::tagger::Tag;
use super::tokens::Lower;

/// Where the two ends of a pattern's relation stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Voice {
    /// Subject before, object after: "Russia backed Hifter".
    Active,
    /// Patient before, agent after "by" or "from": "is backed by Egypt".
    Passive,
    /// Every pair of a coordinated subject: "A and B said in a joint statement".
    Mutual,
    /// Every pair of a list after the pattern: "the pact sealed by A and B".
    MutualAfter,
    /// The list after the pattern opposes the other actors before it: "despite the
    /// objections of A and B".
    Objection,
}

/// What the first word of a rule's trigger must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Head {
    /// Not a word the tagger reads as a common noun, an adverb or a particle: "sanctions
    /// against", "the talks", "press secretary" and "flown back" are not "sanctioned", "he
    /// talks", "pressed" and "backed". (A proper noun is let through: the tagger sometimes
    /// reads a verb after an unknown name as part of it, "el-Sissi phoned".)
    Verb,
    /// A noun whose frame's object is in the phrase right after it ("support for the
    /// junta and warned X": not X).
    Noun,
    /// Any word: nouns of a frame ("talks between", "joint statement").
    Any,
}

/// One extraction rule.
pub struct Rule {
    pub id: &'static str,
    kind: RelationKind,
    voice: Voice,
    head: Head,
    /// Words separated by spaces; `a|b` alternatives, `?w` optional, `~` up to four other
    /// words.
    pattern: &'static str,
    /// What the rule looks for, for the evidence panel.
    pub description: &'static str,
    /// Where the object is.
    object: Object,
    /// After a determiner the trigger is a noun, whatever the tagger says ("with the
    /// backing of", "its support"): the verb rules.
    not_after_determiner: bool,
    /// Each side against the other: every relation is drawn in both directions (a dispute).
    both_ways: bool,
    /// A trip: nothing is drawn when the sentence names the trip's meeting ("travelled to
    /// Rome to meet Conte"), which is the relation.
    yields_to_meeting: bool,
    /// The subject is the trigger's possessor, right before it, and no actor further back:
    /// "Niger's delegation", "the Russian delegation".
    possessed: bool,
    /// The trigger opens an apposition ("Lithuania, a member of NATO"): its subject is the
    /// actor right before the comma, and nothing is drawn without one.
    apposition: bool,
    /// Words one of which must follow the object within five words, for a verb whose sense
    /// its complement makes ("designated the cartel a terrorist organization"; not
    /// "designated Qatar a major non-NATO ally"). Empty for none.
    complement: &'static [&'static str],
    /// A capital after the trigger is its state, not where something happens: an embassy's
    /// ("recalled its ambassador from Algiers").
    seat_is_state: bool,
    /// Words right after the object that make it another verb's partner, not this one's
    /// object: "joined France in condemning" is no membership.
    refused_after: &'static [&'static str],
}

/// Where a rule's object is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Object {
    /// The first actor of the clause within ten words after the trigger.
    Near,
    /// Right after the verb ("the" allowed), at the head of its phrase: "warned Iran",
    /// "praised the United States", not "praised the Senegalese people's commitment".
    Direct,
}

/// A rule's defaults, for the fields a rule does not set.
const PLAIN: Rule = Rule {
    id: "",
    kind: RelationKind::Meets,
    voice: Voice::Active,
    head: Head::Any,
    pattern: "",
    description: "",
    object: Object::Near,
    not_after_determiner: false,
    both_ways: false,
    yields_to_meeting: false,
    possessed: false,
    apposition: false,
    complement: &[],
    seat_is_state: false,
    refused_after: &[],
};

const BACK: &str = "back|backs|backed|backing|support|supports|supported|supporting|aid|aids|aided|aiding|endorse|endorses|endorsed|endorsing|recognize|recognizes|recognized|recognise|recognises|recognised|defend|defends|defended|arm|arms|funds|funded|bankrolled|bankrolls";
const OPPOSE: &str = "condemn|condemns|condemned|condemning|criticize|criticizes|criticized|criticizing|criticise|criticises|criticised|reject|rejects|rejected|rejecting|oppose|opposes|opposed|opposing|denounce|denounces|denounced|blast|blasts|blasted|slam|slams|slammed|accuse|accuses|accused|accusing|rebuke|rebukes|rebuked|sanction|sanctions|sanctioned|expel|expels|expelled|boycott|boycotts|boycotted|decried|decry|decries|censured|threatened|threatens|challenged|challenges|blamed|blames|blaming|blacklist|blacklists|blacklisted|dismiss|dismisses|dismissed|dismissing";

/// Every relation rule, in order of preference when two match at one place.
pub static RULES: &[Rule] = &[
    Rule {
        id: "supports.passive",
        kind: RelationKind::Supports,
        voice: Voice::Passive,
        head: Head::Any,
        pattern: "backed|supported|aided|armed|endorsed|recognized|recognised|funded|sponsored|bankrolled by",
        description: "a supporting verb in the passive (\"is backed by\"): the agent after \"by\" supports the subject",
        ..PLAIN
    },
    Rule {
        id: "supports.receives",
        kind: RelationKind::Supports,
        voice: Voice::Passive,
        head: Head::Any,
        pattern: "receive|receives|received|receiving|get|gets|got|getting ~ aid|support|backing|weapons|arms|assistance|funding|help|troops|money ~ from",
        description: "a subject receiving aid, weapons or support from an actor: that actor supports it",
        ..PLAIN
    },
    Rule {
        id: "supports.sends",
        kind: RelationKind::Supports,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "send|sends|sent|sending|supply|supplies|supplied|supplying|provide|provides|provided|providing|deliver|delivers|delivered|delivering|sold|sells|sell|selling ~ aid|weapons|arms|assistance|troops|soldiers|funding|drones|support|equipment|systems|officers|police|personnel|missiles|ammunition|jets|fuel ~ to",
        description: "a subject sending troops, weapons or aid to an actor: it supports that actor",
        ..PLAIN
    },
    Rule {
        id: "supports.shelter",
        kind: RelationKind::Supports,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "gave|gives|give|giving|granted|grants|grant|granting|offered|offers|offer|offering|provided|provides ~ shelter|asylum|refuge|sanctuary|haven to",
        description: "a subject giving shelter or asylum to an actor (\"gave shelter to opposition leader X\")",
        ..PLAIN
    },
    Rule {
        id: "supports.donated",
        kind: RelationKind::Supports,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "donated|donates|donate|donating|gifted|gifts ~ to",
        description: "a subject donating something to an actor (\"donated a patrol boat to Palau\")",
        ..PLAIN
    },
    Rule {
        id: "supports.turned_to",
        kind: RelationKind::Supports,
        voice: Voice::Passive,
        head: Head::Verb,
        pattern: "turned|turns|turn|turning|looked|looks|look|looking ?instead to",
        description: "a subject turning to an actor for help, weapons or money (\"turned to Russia for military assistance\"): that actor supports it",
        complement: &[
            "assistance",
            "support",
            "help",
            "aid",
            "weapons",
            "arms",
            "protection",
            "backing",
            "loans",
            "funding",
            "security",
            "troops",
        ],
        ..PLAIN
    },
    Rule {
        id: "supports.direct",
        kind: RelationKind::Supports,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "sold|sells|sell|trains|trained|train|training|helped|helps|help|helping|equipped|equips|equip",
        description: "a subject selling to, training, equipping or helping an actor named right after the verb (\"has sold Armenia howitzers\", \"trains Somalia's army\")",
        object: Object::Direct,
        not_after_determiner: true,
        ..PLAIN
    },
    Rule {
        id: "supports.solidarity",
        kind: RelationKind::Supports,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "solidarity with|for",
        description: "a subject expressing solidarity with an actor",
        ..PLAIN
    },
    Rule {
        id: "supports.sided",
        kind: RelationKind::Supports,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "sided|sides|side|stands|stood with",
        description: "a subject siding with an actor",
        ..PLAIN
    },
    Rule {
        id: "supports.noun",
        kind: RelationKind::Supports,
        voice: Voice::Active,
        head: Head::Noun,
        pattern: "support|backing|aid|assistance|recognition|endorsement|help|funds|funding|arms|weapons for|behind|to|of",
        description: "support or aid from a subject (or its possessor) for an actor (\"threw his support behind X\", \"military aid to X\")",
        ..PLAIN
    },
    Rule {
        id: "supports.verb",
        kind: RelationKind::Supports,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: BACK,
        description: "a supporting verb (backs, supports, aids, recognizes) between a subject and an object",
        not_after_determiner: true,
        ..PLAIN
    },
    Rule {
        id: "agrees_with.deal",
        kind: RelationKind::AgreesWith,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "signed|sealed|reached|struck|concluded|signs|seals|reaches|strikes|sign|seal|reach|inked ~ deal|agreement|pact|accord|treaty|memorandum|alliance|truce|deals|agreements|pacts|accords|treaties|memorandums|memoranda|protocol|protocols with",
        description: "a subject signing a deal, pact or agreement with an actor",
        ..PLAIN
    },
    Rule {
        id: "agrees_with.verb",
        kind: RelationKind::AgreesWith,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "agreed|agrees|allied|allies|partnered|sided with",
        description: "a subject agreeing or allying with an actor",
        not_after_determiner: true,
        ..PLAIN
    },
    Rule {
        id: "agrees_with.mutual",
        kind: RelationKind::AgreesWith,
        voice: Voice::Mutual,
        head: Head::Verb,
        pattern: "agreed|agree|agrees",
        description: "actors listed together agreeing (\"India and Pakistan agreed to restore a cease-fire\"): each agrees with the others",
        not_after_determiner: true,
        ..PLAIN
    },
    Rule {
        id: "agrees_with.joint",
        kind: RelationKind::AgreesWith,
        voice: Voice::Mutual,
        head: Head::Any,
        pattern: "joint statement|declaration|communique|communiqué",
        description: "actors listed together issuing a joint statement: each agrees with the others",
        ..PLAIN
    },
    Rule {
        id: "agrees_with.signed",
        kind: RelationKind::AgreesWith,
        voice: Voice::Mutual,
        head: Head::Any,
        pattern: "signed|sealed|reached|struck|concluded|agreed|inked ?a|an|the ~ deal|agreement|pact|accord|treaty|memorandum|truce|cease-fire|ceasefire|deals|agreements|pacts|accords|treaties|memorandums|memoranda|protocol|protocols",
        description: "actors listed together signing a deal: each agrees with the others",
        ..PLAIN
    },
    Rule {
        id: "agrees_with.passive",
        kind: RelationKind::AgreesWith,
        voice: Voice::MutualAfter,
        head: Head::Any,
        pattern: "deal|agreement|pact|accord|treaty|memorandum|alliance|deals|agreements|pacts|accords|treaties|protocol ~ signed|sealed|reached|struck|agreed|concluded|inked ~ by|between",
        description: "a deal signed by a list of actors: each agrees with the others",
        ..PLAIN
    },
    Rule {
        id: "agrees_with.signed_by",
        kind: RelationKind::AgreesWith,
        voice: Voice::MutualAfter,
        head: Head::Any,
        pattern: "signed|sealed|inked|initialled|initialed ~ by",
        description: "something signed by a list of actors (\"the deal was signed in Ankara by A and B\"): they agree with each other",
        ..PLAIN
    },
    Rule {
        id: "agrees_with.between",
        kind: RelationKind::AgreesWith,
        voice: Voice::MutualAfter,
        head: Head::Any,
        pattern: "deal|agreement|pact|accord|treaty|memorandum|alliance between",
        description: "a deal between a list of actors: each agrees with the others",
        ..PLAIN
    },
    Rule {
        id: "opposes.passive",
        kind: RelationKind::Opposes,
        voice: Voice::Passive,
        head: Head::Any,
        pattern: "condemned|criticized|criticised|rejected|opposed|denounced|blasted|slammed|sanctioned|accused|rebuked by",
        description: "an opposing verb in the passive (\"was condemned by\"): the agent opposes the subject",
        ..PLAIN
    },
    Rule {
        id: "opposes.listed_by",
        kind: RelationKind::Opposes,
        voice: Voice::Passive,
        head: Head::Any,
        pattern: "designated|listed|blacklisted|branded|labelled|labeled ?as ~ terrorist|terror ~ by",
        description: "a subject listed as a terrorist organization by actors (\"listed as a terrorist organisation by Turkey, the United States and the EU\"): they oppose it",
        ..PLAIN
    },
    Rule {
        id: "opposes.each_other",
        kind: RelationKind::Opposes,
        voice: Voice::Mutual,
        head: Head::Verb,
        pattern: "expelled|expel|expels|expelling|accused|accuse|accuses|accusing|blamed|blame|blames|blaming|criticized|criticised|condemned|sanctioned|summoned|threatened ~ each|one other|another",
        description: "actors listed together acting against each other (\"Ukraine and Hungary expelled each other's diplomats\"): each opposes the others",
        both_ways: true,
        ..PLAIN
    },
    Rule {
        id: "opposes.under",
        kind: RelationKind::Opposes,
        voice: Voice::Passive,
        head: Head::Any,
        pattern: "under ~ sanctions|embargo|blockade by|from",
        description: "a subject under sanctions or a blockade by an actor: that actor opposes it",
        ..PLAIN
    },
    Rule {
        id: "opposes.objections",
        kind: RelationKind::Opposes,
        voice: Voice::Objection,
        head: Head::Any,
        pattern: "objections|objection|opposition|protests|criticism|condemnation of|from",
        description: "\"the objections of\" a list of actors: they oppose the other actors of the sentence",
        ..PLAIN
    },
    Rule {
        id: "opposes.objects",
        kind: RelationKind::Opposes,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "object|objects|objected|objecting|protest|protests|protested|protesting to|against",
        description: "a subject objecting or protesting to an actor",
        ..PLAIN
    },
    Rule {
        id: "opposes.raised",
        kind: RelationKind::Opposes,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "raised|raise|raises|raising|voiced|voice|voices|voicing|lodged|lodge|filed ~ objections|objection|opposition|protest|protests|complaint to|against|over|with",
        description: "a subject raising objections to an actor or its doings",
        ..PLAIN
    },
    Rule {
        id: "opposes.ties",
        kind: RelationKind::Opposes,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "cut|cuts|severed|severs|sever|broke|breaks ~ ties|relations with",
        description: "a subject cutting ties with an actor",
        ..PLAIN
    },
    Rule {
        id: "opposes.sanctions",
        kind: RelationKind::Opposes,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "imposed|impose|imposes|imposing ~ sanctions|embargo|tariffs on|against",
        description: "a subject imposing sanctions on an actor",
        ..PLAIN
    },
    Rule {
        id: "opposes.noun",
        kind: RelationKind::Opposes,
        voice: Voice::Active,
        head: Head::Noun,
        pattern: "sanctions|embargo|condemnation|criticism|rebuke on|against|of",
        description: "sanctions or condemnation from a subject (or its possessor) on an actor (\"new EU sanctions on X\")",
        ..PLAIN
    },
    Rule {
        id: "opposes.verb",
        kind: RelationKind::Opposes,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: OPPOSE,
        description: "an opposing verb (condemned, rejected, criticized, blasted) between a subject and an object",
        not_after_determiner: true,
        ..PLAIN
    },
    Rule {
        id: "fights.passive",
        kind: RelationKind::Fights,
        voice: Voice::Passive,
        head: Head::Any,
        pattern: "attacked|bombed|shelled|invaded|targeted|struck|raided by",
        description: "an attack verb in the passive: the agent fights the subject",
        ..PLAIN
    },
    Rule {
        id: "fights.faced",
        kind: RelationKind::Fights,
        voice: Voice::Passive,
        head: Head::Any,
        pattern: "faced|faces|face|facing|repelled|repels|withstood|resisted|endured ~ offensive|attack|attacks|assault|offensives|onslaught|airstrikes|strikes by|from",
        description: "a subject facing an offensive or attack by an actor: that actor fights it",
        ..PLAIN
    },
    Rule {
        id: "fights.under",
        kind: RelationKind::Fights,
        voice: Voice::Passive,
        head: Head::Any,
        pattern: "under attack|fire|assault by|from",
        description: "a subject under attack from an actor",
        ..PLAIN
    },
    Rule {
        id: "fights.launched",
        kind: RelationKind::Fights,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "launched|launch|launches|launching|waged|wage|wages|waging|mounted|mount|mounts ~ offensive|attack|attacks|assault|war|strikes|airstrikes|campaign on|against",
        description: "a subject launching an offensive or attack on an actor",
        ..PLAIN
    },
    Rule {
        id: "fights.verb",
        kind: RelationKind::Fights,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "attacked|attacks|attack|attacking|bombed|bombs|bombing|shelled|shells|shelling|invaded|invades|invade|invading|raided|fought|fights|fight|fighting|battled|battles|battle|battling|clashed|clashes|rammed|rams|ram|ramming|ambushed|ambushes|ambush|pounded|pounds|pound|pounding|stormed|storms|storm|overran|overruns|bombarded|bombards|bombard|assaulted ?with|against|on",
        description: "an attack verb (attacked, bombed, invaded, fought, rammed, ambushed) between a subject and an object",
        not_after_determiner: true,
        ..PLAIN
    },
    Rule {
        id: "fights.struck",
        kind: RelationKind::Fights,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "struck|strikes|strike|striking|hit|hits|hitting|targeted|targets|target|targeting",
        description: "a subject striking an actor, or its targets or positions, named right after the verb (\"struck Houthi targets\"; not \"struck a deal with\")",
        object: Object::Direct,
        not_after_determiner: true,
        ..PLAIN
    },
    Rule {
        id: "fights.invasion",
        kind: RelationKind::Fights,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "invasion|invasions|occupation|bombardment of",
        description: "an actor's invasion or occupation of another (\"Russia's full-scale invasion of Ukraine\", \"the Israeli occupation of\")",
        object: Object::Direct,
        possessed: true,
        ..PLAIN
    },
    Rule {
        id: "fights.mutual",
        kind: RelationKind::Fights,
        voice: Voice::Mutual,
        head: Head::Verb,
        pattern: "fought|fight|fighting|waged ?a|two|three|several ?brief|border|civil|bloody war|wars|battle|battles",
        description: "actors listed together fighting a war (\"Argentina and Britain fought a war over the islands\"): each fights the others",
        ..PLAIN
    },
    Rule {
        id: "fights.war",
        kind: RelationKind::Fights,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "at war with|against",
        description: "a subject at war with an actor",
        ..PLAIN
    },
    Rule {
        id: "supports.praised",
        kind: RelationKind::Supports,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "thanked|thanks|thank|praised|praises|praise|lauded|lauds|hailed|hails|congratulated|congratulates|congratulate",
        description: "a subject thanking or praising an actor named right after the verb (not \"praised the Senegalese people's commitment\")",
        object: Object::Direct,
        ..PLAIN
    },
    Rule {
        id: "supports.stood",
        kind: RelationKind::Supports,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "stood|stands|stand|standing ?firmly|fully|shoulder with|by|behind",
        description: "a subject standing with, by or behind an actor",
        ..PLAIN
    },
    Rule {
        id: "opposes.dispute",
        kind: RelationKind::Opposes,
        voice: Voice::Active,
        head: Head::Noun,
        pattern: "dispute|disputes|row|rift|feud|standoff|spat|quarrel with",
        description: "a subject in a dispute with an actor: each opposes the other",
        both_ways: true,
        ..PLAIN
    },
    Rule {
        id: "opposes.dispute_between",
        kind: RelationKind::Opposes,
        voice: Voice::MutualAfter,
        head: Head::Any,
        pattern: "dispute|disputes|row|rift|feud|standoff|spat|rivalry|tensions between",
        description: "a dispute between a list of actors: each opposes the others",
        both_ways: true,
        ..PLAIN
    },
    Rule {
        id: "opposes.warned",
        kind: RelationKind::Opposes,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "warned|warns|warn|warning|cautioned|cautions",
        description: "a subject warning an actor named right after the verb (\"warned Iran\", not \"warned that\")",
        object: Object::Direct,
        ..PLAIN
    },
    Rule {
        id: "opposes.direct",
        kind: RelationKind::Opposes,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "suspended|suspends|suspend|banned|bans|ban|countered|counters|counter|countering|overruled|overrules|snubbed|snubs|scolded|scolds|chided|chides|mocked|mocks|blocked|blocks|block|blocking|vetoed|vetoes|veto|vetoing|contested|contests|contest|penalized|penalised|punished|punishes|isolated|ostracized|ostracised",
        description: "a subject suspending, banning, blocking, vetoing, punishing or mocking an actor named right after the verb, or its possessor (\"suspended Madagascar\", \"blocked North Macedonia's bid\"; not \"suspended talks with\")",
        object: Object::Direct,
        not_after_determiner: true,
        ..PLAIN
    },
    Rule {
        id: "opposes.recalled",
        kind: RelationKind::Opposes,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "recalled|recalls|recall|recalling|withdrew|withdraws|withdrawn ?its|their|his|her|the ambassador|ambassadors|envoy|envoys from|to|in",
        description: "a subject recalling its ambassador from an actor, a diplomatic protest (\"recalled its ambassador from Algiers\")",
        seat_is_state: true,
        ..PLAIN
    },
    Rule {
        id: "opposes.designated",
        kind: RelationKind::Opposes,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "designated|designates|designate|designating|listed|lists|list|branded|brands|brand|labelled|labeled|declared|declares ?as",
        description: "a subject designating an actor named right after the verb a terrorist organization (\"designated Viv Ansanm a foreign terrorist organization\")",
        object: Object::Direct,
        not_after_determiner: true,
        complement: &["terrorist", "terrorists", "terror"],
        ..PLAIN
    },
    Rule {
        id: "opposes.scoffed",
        kind: RelationKind::Opposes,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "scoffed|scoffs|lashed|lashes|hit|hits ?out at",
        description: "a subject scoffing or lashing out at an actor",
        ..PLAIN
    },
    Rule {
        id: "fights.between",
        kind: RelationKind::Fights,
        voice: Voice::MutualAfter,
        head: Head::Any,
        pattern: "fighting|clashes|war|conflict|hostilities|battles|skirmishes|fight ?broke|erupted|flared|raged ?out|up between",
        description: "fighting or a war between a list of actors: each fights the others",
        ..PLAIN
    },
    Rule {
        id: "meets.talks",
        kind: RelationKind::Meets,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "held|hold|holds|holding|had|have|has ~ talks|meeting|meetings|discussions|consultations|call|summit ~ with",
        description: "a subject holding talks or a meeting with an actor",
        ..PLAIN
    },
    Rule {
        id: "meets.discuss",
        kind: RelationKind::Meets,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "discuss|discusses|discussed|discussing|negotiate|negotiates|negotiated|negotiating ~ with",
        description: "a subject discussing something with an actor",
        ..PLAIN
    },
    Rule {
        id: "meets.noun",
        kind: RelationKind::Meets,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "meeting|talks|summit|meetings|discussions|consultations|negotiations|dialogue|contact|contacts|call|calls|conversation|conversations|videoconference ~ with",
        description: "a meeting, talks or a call of a subject with an actor (\"in a telephone call with X\")",
        ..PLAIN
    },
    Rule {
        id: "meets.verb",
        kind: RelationKind::Meets,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "met|meet|meets|meeting|hosted|hosts|host|hosting|received|receives|welcomed|welcomes|conferred|spoke|spoken|speaks|talked|talks|phoned|telephoned ?with|to",
        description: "a meeting verb (met, hosted, received, spoke with) between a subject and an object",
        not_after_determiner: true,
        ..PLAIN
    },
    Rule {
        id: "meets.spoke",
        kind: RelationKind::Meets,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "spoke|spoken|speaks|speaking|talked|talks|sat|sit|sits|sitting ~ with",
        description: "a subject speaking (by phone, on Friday) or sitting down with an actor",
        ..PLAIN
    },
    Rule {
        id: "meets.joined",
        kind: RelationKind::Meets,
        voice: Voice::Passive,
        head: Head::Any,
        pattern: "joined ~ by",
        description: "a subject joined (for talks, for lunch) by an actor",
        ..PLAIN
    },
    Rule {
        id: "meets.travel",
        kind: RelationKind::Meets,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "travel|travels|traveled|travelled|traveling|travelling|flew|fly|flies|flying|headed|heads|arrived|arrives|arriving to|in",
        description: "a subject travelling to a capital or country (for talks there)",
        yields_to_meeting: true,
        ..PLAIN
    },
    Rule {
        id: "meets.visit",
        kind: RelationKind::Meets,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "visit|visits|visited|visiting ?to",
        description: "a subject visiting an actor",
        ..PLAIN
    },
    Rule {
        id: "meets.mutual",
        kind: RelationKind::Meets,
        voice: Voice::Mutual,
        head: Head::Any,
        pattern: "met|meet|meeting|talks|summit|meetings|call|discussions|consultations",
        description: "actors listed together meeting or holding talks: each meets the others",
        ..PLAIN
    },
    Rule {
        id: "meets.presence",
        kind: RelationKind::Meets,
        voice: Voice::MutualAfter,
        head: Head::Any,
        pattern: "in ?the presence of",
        description: "a signing or a ceremony in the presence of a list of actors: each meets the others",
        ..PLAIN
    },
    Rule {
        id: "meets.attended",
        kind: RelationKind::Meets,
        voice: Voice::MutualAfter,
        head: Head::Any,
        pattern: "attended by",
        description: "a meeting attended by a list of actors: each meets the others",
        ..PLAIN
    },
    Rule {
        id: "meets.mediated",
        kind: RelationKind::Meets,
        voice: Voice::Objection,
        head: Head::Any,
        pattern: "mediated|brokered|facilitated ~ by",
        description: "talks between actors mediated by others (\"talks between Israel and Hamas, mediated by Egypt and Qatar\"): each mediator meets each party",
        ..PLAIN
    },
    Rule {
        id: "meets.between",
        kind: RelationKind::Meets,
        voice: Voice::MutualAfter,
        head: Head::Any,
        pattern: "meeting|talks|summit|negotiations ~ between",
        description: "talks or a meeting between a list of actors",
        ..PLAIN
    },
    Rule {
        id: "calls_for.on",
        kind: RelationKind::CallsFor,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "called|call|calls|calling on|upon",
        description: "a subject calling on an actor",
        ..PLAIN
    },
    Rule {
        id: "calls_for.for",
        kind: RelationKind::CallsFor,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "called|call|calls|calling for",
        description: "a subject calling for something in or of an actor (\"called for a cease-fire in Libya\")",
        ..PLAIN
    },
    Rule {
        id: "calls_for.verb",
        kind: RelationKind::CallsFor,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "urged|urge|urges|urging|appealed|appeal|appeals|appealing|pressed|press|presses|pressing|demanded|demand|demands|demanding|asked|asks|ask|asking|requested|requesting|implored|implores|pressured|pressures|exhorted ?to",
        description: "a subject urging, pressing or appealing to an actor",
        not_after_determiner: true,
        ..PLAIN
    },
    Rule {
        id: "leads.passive",
        kind: RelationKind::Leads,
        voice: Voice::Passive,
        head: Head::Any,
        pattern: "led|headed|commanded|ruled|governed|chaired by",
        description: "a subject led or governed by an actor",
        ..PLAIN
    },
    Rule {
        id: "leads.verb",
        kind: RelationKind::Leads,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "leads|heads|commands|chairs|rules|governs",
        description: "a subject that leads, heads or commands an actor",
        not_after_determiner: true,
        ..PLAIN
    },
    Rule {
        id: "leads.direct",
        kind: RelationKind::Leads,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "led|ruled|governed|headed|commanded|chaired",
        description: "a subject that led, ruled or headed an actor named right after the verb (\"who has led Tajikistan since 1992\"; not \"led the talks with X\")",
        object: Object::Direct,
        not_after_determiner: true,
        refused_after: &[
            "in",
            "to",
            "and",
            "'s",
            "talks",
            "delegation",
            "delegations",
        ],
        ..PLAIN
    },
    Rule {
        id: "member_of.delegation",
        kind: RelationKind::MemberOf,
        voice: Voice::Passive,
        head: Head::Any,
        pattern: "delegation|delegations|team ?, ?was|were|is|are led|headed by",
        description: "an actor's delegation or team led by a person (\"Niger's delegation was led by Foreign Minister X\"): the person is a member of the actor, or its leader when titled so",
        possessed: true,
        ..PLAIN
    },
    Rule {
        id: "member_of.represented",
        kind: RelationKind::MemberOf,
        voice: Voice::Passive,
        head: Head::Any,
        pattern: "represented ~ by",
        description: "an actor represented by a person (\"Turkey was represented by Deputy Foreign Minister X\"): the person is a member of the actor, or its leader when titled so",
        ..PLAIN
    },
    Rule {
        id: "member_of.copula",
        kind: RelationKind::MemberOf,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "is|are|was|were|became|becomes|become|remains|remain ?also ?already ?now a|an ?founding ?full ?permanent member|members ?state|states of",
        description: "a subject that is, or became, a member of an actor (\"Sweden became a member of NATO\")",
        object: Object::Direct,
        ..PLAIN
    },
    Rule {
        id: "member_of.apposition",
        kind: RelationKind::MemberOf,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "a|an|both|all ?founding ?full ?permanent member|members ?state|states of",
        description: "an actor set beside \"a member of\" another (\"Lithuania, a member of both the European Union and NATO\")",
        apposition: true,
        object: Object::Direct,
        ..PLAIN
    },
    Rule {
        id: "member_of.joined",
        kind: RelationKind::MemberOf,
        voice: Voice::Active,
        head: Head::Verb,
        pattern: "joined|joins|join|joining|rejoined|rejoins|rejoin ?formally",
        description: "a subject joining an actor named right after the verb (\"joined the BRICS group\"; not \"joined France in condemning\")",
        object: Object::Direct,
        not_after_determiner: true,
        refused_after: &[
            "in", "on", "and", "as", "for", "at", "to", "with", "'s", "talks",
        ],
        ..PLAIN
    },
    Rule {
        id: "member_of.groups",
        kind: RelationKind::MemberOf,
        voice: Voice::Passive,
        pattern: "groups|grouping|comprises|comprising|comprise|unites|uniting",
        description: "a body that groups or comprises a list of actors (\"the Weimar Triangle, which groups France, Germany and Poland\"): each is its member",
        head: Head::Any,
        object: Object::Direct,
        ..PLAIN
    },
    Rule {
        id: "member_of.verb",
        kind: RelationKind::MemberOf,
        voice: Voice::Active,
        head: Head::Any,
        pattern: "member|members ?state|states of",
        description: "a subject that is a member of an actor",
        not_after_determiner: true,
        ..PLAIN
    },
];

/// The rules that come from actor phrases rather than verbs, with their descriptions.
const PHRASE_RULES: &[(&str, &str)] = &[
    (
        "leads.title",
        "a head-of title with the actor it is for (\"Turkish President X\")",
    ),
    (
        "member_of.title",
        "a member's title with the actor it is for (\"Italian government spokesman X\", \"EU foreign affairs chief X\")",
    ),
    (
        "member_of.institution",
        "an institution named after its state (\"Turkey's parliament\")",
    ),
    (
        "member_of.part",
        "a body named with the one it is part of (\"the U.N. Security Council\")",
    ),
    (
        "leads.home",
        "a head-of-state or government title with no state named for the person, in a report datelined in the state it names most (\"GEORGETOWN, Guyana ... President Irfaan Ali\")",
    ),
    (
        "member_of.home",
        "a minister's title with no state named for the person, in a report datelined in the state it names most",
    ),
    (
        "leads.camp",
        "a camp named after its leader (\"forces loyal to X\", \"X's government\")",
    ),
    (
        "opposes.labelled",
        "a wrong the speaker names, with whoever does it (\"condemned what he called a provocation by Venezuela\", \"what she described as Russian interference\")",
    ),
    (
        "supports.compound",
        "an actor qualified by its backer (\"the U.N.-recognized government\", \"Turkish-backed forces\", \"Rwanda-backed M23 rebels\")",
    ),
];

/// What the rule with this id looks for, to tell users why an edge exists.
pub fn describe_rule(id: &str) -> Option<&'static str> {
    RULES
        .iter()
        .find(|rule| rule.id == id)
        .map(|rule| rule.description)
        .or_else(|| {
            PHRASE_RULES
                .iter()
                .find(|(rule, _)| *rule == id)
                .map(|(_, d)| *d)
        })
}

enum Slot {
    Words(Vec<&'static str>),
    Optional(Vec<&'static str>),
    Gap,
}

struct Compiled {
    slots: Vec<Slot>,
}

/// The rules, compiled once, and the rules each word can start.
type CompiledRules = (Vec<Compiled>, HashMap<&'static str, Vec<usize>>);

fn compiled() -> &'static CompiledRules {
    static COMPILED: OnceLock<CompiledRules> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let mut rules = Vec::new();
        let mut by_first: HashMap<&'static str, Vec<usize>> = HashMap::default();
        for (index, rule) in RULES.iter().enumerate() {
            let slots: Vec<Slot> = rule
                .pattern
                .split(' ')
                .map(|slot| {
                    if slot == "~" {
                        Slot::Gap
                    } else if let Some(optional) = slot.strip_prefix('?') {
                        Slot::Optional(optional.split('|').collect())
                    } else {
                        Slot::Words(slot.split('|').collect())
                    }
                })
                .collect();
            if let Some(Slot::Words(first)) = slots.first() {
                for word in first {
                    by_first.entry(*word).or_default().push(index);
                }
            }
            rules.push(Compiled { slots });
        }
        (rules, by_first)
    })
}

/// A coordinated list of mentions: "Turkey, Qatar and Italy".
#[derive(Clone, Debug)]
struct Group {
    tokens: Range<usize>,
    /// Each actor with the span of the mention that names it.
    members: Vec<(usize, Range<usize>)>,
    /// After a preposition: a place or a complement, not a subject.
    blocked: bool,
    /// A capital after "in", "at" or "from": where, not who.
    location: bool,
}

/// Words that start a new clause.
const CLAUSE_WORDS: &[&str] = &[
    "while",
    "whereas",
    "but",
    "although",
    "though",
    "meanwhile",
    "however",
    "because",
    "since",
    "unless",
    "whilst",
];

/// Words of a verb group before its main verb ("has", "will be").
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will", "would",
    "could", "should", "may", "might", "must", "can", "did", "does", "do", "also", "not",
];

/// Verbs after which a new clause says what was said.
const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "stated",
    "announced",
    "noted",
    "insisted",
    "warned",
    "claimed",
    "argued",
    "believes",
    "believed",
    "reported",
    "confirmed",
];

const NEGATIONS: &[&str] = &[
    "not", "never", "no", "refused", "refuses", "declined", "declines", "denied", "denies",
    "failed", "fails", "without", "neither", "nor", "cannot",
];

/// Verbs that call off what follows them ("suspended talks with", "froze aid to").
const CALLED_OFF: &[&str] = &[
    "suspended",
    "suspends",
    "suspend",
    "suspending",
    "halted",
    "halts",
    "halt",
    "halting",
    "froze",
    "freezes",
    "freeze",
    "freezing",
    "cancelled",
    "canceled",
    "cancels",
    "cancel",
    "postponed",
    "postpones",
    "postpone",
    "scrapped",
    "scraps",
    "scrap",
    "paused",
    "pauses",
];

/// Finds the relations of one sentence.
/// Why a rule whose pattern matched drew nothing there, for `stakegraph extract --explain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Miss {
    /// No actor in the clause before the trigger to be its subject.
    NoSubject,
    /// No actor in the clause within ten words after the trigger.
    NoObject,
    /// A negation ("not", "never", "refused") or a verb calling it off ("suspended talks")
    /// before the trigger: nothing is drawn there.
    Negated,
    /// A mutual pattern ("met", "joint statement") with fewer than two actors listed.
    FewerThanTwo,
    /// A mutual pattern followed by "with": the one-sided rule's case.
    FollowedByWith,
    /// The list the pattern needs right after it is not there.
    NoListAfter,
    /// The rule wants a verb and the tagger reads the word as a common noun, an adverb or
    /// a particle.
    NotAVerb,
    /// A noun's frame whose nearest actor is in another phrase ("support for the junta and
    /// warned Niger").
    OtherPhrase,
    /// A trip whose meeting the sentence names ("travelled to Rome to meet Conte"): the
    /// meeting is the relation, not the place.
    MeetingNamed,
    /// Mediation of something that is no talks ("a deal brokered by France"): the broker
    /// met no one the text names.
    NoTalks,
    /// A verb whose sense its complement makes, without it after the object ("designated
    /// Qatar a major ally" is no terrorist listing).
    NoComplement,
    /// The word right after the object makes it another verb's partner ("joined France in
    /// condemning").
    RefusedAfter,
    /// Sought, or qualifying an actor, not done: "its bid to join", "democratically governed".
    NotDone,
}

impl Miss {
    pub fn describe(self) -> &'static str {
        match self {
            Miss::NoSubject => "no actor before it in the clause to be its subject",
            Miss::NoObject => "no actor after it in the clause (within ten words)",
            Miss::Negated => {
                "negated or called off (\"not\", \"never\", \"refused\", \"suspended talks\"…): nothing is drawn here"
            }
            Miss::FewerThanTwo => "fewer than two actors listed together",
            Miss::FollowedByWith => "followed by \"with\": one side acts on the other",
            Miss::NoListAfter => "no list of actors right after it",
            Miss::NotAVerb => {
                "the rule wants a verb, and here the word is a noun, an adverb or a particle"
            }
            Miss::OtherPhrase => "the nearest actor after it is in another phrase",
            Miss::MeetingNamed => "the sentence names the trip's meeting, which is the relation",
            Miss::NoTalks => "what is mediated is no talks, so the mediator met no one named",
            Miss::NoComplement => {
                "the object is not followed by what gives the verb this sense (\"a terrorist organization\")"
            }
            Miss::RefusedAfter => {
                "the word after the object makes it another verb's partner (\"joined France in condemning\")"
            }
            Miss::NotDone => {
                "sought or qualifying, not done (\"its bid to join\", \"democratically governed\")"
            }
        }
    }
}

/// A rule whose pattern matched in a sentence, and what came of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub rule: &'static str,
    /// The trigger's bytes in the normalised text.
    pub span: Range<usize>,
    /// How many relations it drew, or why none.
    pub outcome: Result<usize, Miss>,
}

pub fn find(
    text: &str,
    lower: &Lower,
    sentence: &Sentence,
    document: usize,
    found: &mut Vec<Found>,
    mut attempts: Option<&mut Vec<Attempt>>,
) {
    let tokens = &sentence.tokens;
    let passage = Passage {
        text,
        lower,
        sentence,
        document,
    };
    compound_backers(&passage, found, attempts.as_deref_mut());
    labelled_wrongs(&passage, found, attempts.as_deref_mut());
    // A relation needs two actors.
    let actors: usize = sentence.mentions.iter().map(|m| m.entities.len()).sum();
    if actors < 2 || tokens.is_empty() {
        return;
    }
    let word = |i: usize| tokens.get(i).map_or("", |t| &lower[t.span.clone()]);
    let mut in_mention = vec![false; tokens.len()];
    for mention in &sentence.mentions {
        for i in mention.tokens.clone() {
            in_mention[i] = true;
        }
    }
    // Clause of each token.
    let (rules, by_first) = compiled();
    // "Egypt condemned the raid and Qatar backed Libya": "and", an actor, then a relation's
    // word starts a clause of its own, so Qatar is the subject of what follows, not an object;
    // "Turkey and Russia met" is a list.
    let mention_end = |start: usize| {
        sentence
            .mentions
            .iter()
            .find(|m| m.tokens.start == start)
            .map(|m| m.tokens.end)
    };
    let joins_a_clause = |i: usize| {
        word(i) == "and"
            && !(i > 0 && in_mention[i - 1])
            && mention_end(i + 1).is_some_and(|end| by_first.contains_key(word(end)))
    };
    let mut clause_of = Vec::with_capacity(tokens.len());
    let mut clause = 0;
    for (i, token) in tokens.iter().enumerate() {
        let w = word(i);
        // ", who have rejected": a relative clause, whose subject is what comes before.
        // ", of which Somalia is a member": one too.
        let relative = matches!(w, "who" | "which" | "whom" | "whose")
            && i > 0
            && (word(i - 1) == ","
                || (i > 1
                    && matches!(word(i - 1), "of" | "in" | "under" | "with" | "by" | "for")
                    && word(i - 2) == ","));
        let boundary = if token.is_word {
            !in_mention[i] && (CLAUSE_WORDS.contains(&w) || joins_a_clause(i) || relative)
        } else {
            // ", and Egypt backed Greece" starts a clause; "France, and Italy" continues a list.
            let next_clause = w == ","
                && matches!(word(i + 1), "and" | "but" | "yet" | "so")
                && !(i > 0 && in_mention[i - 1] && in_mention.get(i + 2) == Some(&true));
            next_clause || matches!(w, ";" | "\"" | "(" | ")" | ":" | "[" | "]")
        };
        if boundary {
            clause += 1;
        }
        clause_of.push(clause);
        // "Casalino said Serraj was expected to meet": what is said is a clause of its own.
        let reported = token.is_word
            && REPORTING_VERBS.contains(&w)
            && (word(i + 1) == "that" || (in_mention.get(i + 1) == Some(&true) && w != "warned"));
        if reported {
            clause += 1;
        }
    }
    let groups = groups(sentence, &word);
    // The first token of the clause token `i` is in.
    let clause_start_of = |i: usize| {
        (0..i)
            .rev()
            .take_while(|&j| clause_of[j] == clause_of[i])
            .last()
            .unwrap_or(i)
    };
    // A list right after a finite verb of its clause ("the") is that verb's object, whether or
    // not a rule draws it, so it is no later verb's subject: in "X welcomed the council's
    // decision and thanked Kenya", X thanked Kenya.
    let mut objects_used: Vec<bool> = groups
        .iter()
        .map(|g| {
            let mut p = g.tokens.start;
            if p > 0 && word(p - 1) == "the" {
                p -= 1;
            }
            p > 0
                && !in_mention[p - 1]
                && clause_of[p - 1] == clause_of[g.tokens.start]
                && !AUXILIARIES.contains(&word(p - 1))
                && !REPORTING_VERBS.contains(&word(p - 1))
                && sentence
                    .tags
                    .get(p - 1)
                    .is_some_and(|t| matches!(t, Tag::Past | Tag::Present))
        })
        .collect();
    // "held talks in Beijing with", "talks in New York between": a place after "in" or "at"
    // may stand inside a pattern's gap.
    let mut place = vec![false; tokens.len()];
    for mention in &sentence.mentions {
        let start = mention.tokens.start;
        if start > 0 && matches!(word(start - 1), "in" | "at") {
            for i in mention.tokens.clone() {
                place[i] = true;
            }
        }
    }
    let mut at = 0;
    while at < tokens.len() {
        if in_mention[at] || !tokens[at].is_word {
            at += 1;
            continue;
        }
        // Every rule whose pattern matches here, the longest match first, then in the table's
        // order; when one finds no arguments ("A and B met" for a verb that wants an object),
        // the next gets its chance.
        let mut candidates: Vec<(usize, usize)> = by_first
            .get(word(at))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|&index| {
                match_slots(
                    &rules[index].slots,
                    at,
                    &word,
                    &in_mention,
                    &place,
                    &clause_of,
                )
                .map(|end| (index, end))
            })
            .collect();
        if candidates.is_empty() {
            at += 1;
            continue;
        }
        candidates.sort_by_key(|&(index, end)| (std::cmp::Reverse(end), index));
        let mut next = candidates[0].1;
        'rules: for &(index, end) in &candidates {
            let rule = &RULES[index];
            let span = tokens[at].span.start..tokens[end - 1].span.end;
            let mut note = |outcome: Result<usize, Miss>| {
                if let Some(attempts) = attempts.as_deref_mut() {
                    attempts.push(Attempt {
                        rule: rule.id,
                        span: span.clone(),
                        outcome,
                    });
                }
            };
            // See `Head::Verb`.
            let noun =
                |tag: &Tag| matches!(tag, Tag::Noun | Tag::Plural | Tag::Adverb | Tag::Particle);
            // "with the backing of", "its support": after a determiner the word is a noun,
            // whatever the tagger says; a verb rule's trigger is then no verb.
            let determined = at > 0
                && matches!(
                    word(at - 1),
                    "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our" | "whose"
                );
            // "to come to the other's aid if attacked", "had been attacked": a passive with no
            // agent named is no active verb.
            let agentless = rule.head == Head::Verb
                && rule.voice == Voice::Active
                && at > 0
                && matches!(
                    word(at - 1),
                    "if" | "when" | "once" | "unless" | "been" | "being" | "was" | "were"
                )
                && sentence
                    .tags
                    .get(at)
                    .is_some_and(|t| matches!(t, Tag::Past | Tag::Participle));
            // "due to host X": a base form after "to" is a verb, whatever the tagger says.
            let infinitive_form =
                at > 0 && word(at - 1) == "to" && sentence.tags.get(at) == Some(&Tag::Noun);
            // "its bid to join the EU": a membership sought is none yet.
            let sought = rule.id == "member_of.joined" && at > 0 && word(at - 1) == "to";
            // "democratically governed Taiwan": a participle after an adverb qualifies the
            // actor, with no one doing it.
            let attributive = rule.object == Object::Direct
                && at >= 1
                && word(at - 1).ends_with("ly")
                && !(at >= 2 && AUXILIARIES.contains(&word(at - 2)));
            if sought || attributive {
                note(Err(Miss::NotDone));
                continue 'rules;
            }
            if (rule.head == Head::Verb
                && sentence.tags.get(at).is_some_and(noun)
                && !infinitive_form)
                || (rule.not_after_determiner && determined)
                || agentless
            {
                note(Err(Miss::NotAVerb));
                continue 'rules;
            }
            let trigger = at..end;
            let clause = clause_of[at];
            let label = text[tokens[at].span.start..tokens[end - 1].span.end].to_owned();
            let context = Context {
                rule,
                trigger_span: tokens[at].span.start..tokens[end - 1].span.end,
                label: &label,
                document,
            };
            let in_clause = |g: &Group| clause_of[g.tokens.start] == clause;
            // "condemned what he called a provocation by Venezuela": neither the pronoun nor
            // the verb of "what he called" takes the actor after it.
            let what_called = |i: usize| {
                matches!(word(i), "called" | "described" | "termed")
                    && i >= 2
                    && word(i - 2) == "what"
            };
            // A pronoun no one was found for ("it", "they").
            let subject_pronoun = |i: usize| {
                !in_mention[i]
                    && matches!(word(i), "it" | "they" | "he" | "she" | "we" | "i")
                    // "condemned what it called a provocation by Venezuela"
                    && !what_called(i + 1)
            };
            // "He accused the bloc when it imposed sanctions on Niger": a pronoun no one was
            // found for is still the subject; the actors before it are not.
            let pronoun = (0..trigger.start)
                .rev()
                .find(|&i| clause_of[i] == clause && subject_pronoun(i));
            let before: Vec<usize> = (0..groups.len())
                .filter(|&g| in_clause(&groups[g]) && groups[g].tokens.end <= trigger.start)
                .filter(|&g| pronoun.is_none_or(|p| groups[g].tokens.start > p))
                .collect();
            // The object of a noun's frame is in the phrase after it: a verb or a conjunction
            // between them starts another ("pledged support for the junta and warned the bloc that
            // any intervention in Niger": not Niger).
            let another_phrase = |from: usize, to: usize| {
                (from..to).any(|i| {
                    !in_mention[i]
                        && (sentence.tags.get(i).is_some_and(|t| t.is_verb())
                            || matches!(word(i), "and" | "or" | "but" | "that"))
                })
            };
            // "met in Malaysia", "met for three hours at the Royal Castle": where.
            let at_a_place = |start: usize| {
                let start = if start > trigger.end + 1 && word(start - 1) == "the" {
                    start - 1
                } else {
                    start
                };
                start > trigger.end && matches!(word(start - 1), "in" | "at" | "near" | "off")
            };
            let after = (0..groups.len()).find(|&g| {
                in_clause(&groups[g])
                    && groups[g].tokens.start >= trigger.end
                    && groups[g].tokens.start - trigger.end <= 10
                    && (!groups[g].location || rule.seat_is_state)
                    // "urged Sudan's two rival generals": the generals, not Sudan; "welcomed the
                    // council's decision": a decision is not met.
                    && !(word(groups[g].tokens.end) == "'s"
                        && (rule.kind == RelationKind::Meets
                            || mention_end(groups[g].tokens.end + 1).is_some()))
                    // Not a place, unless "in" is the trigger's own ("interfere in"); a call
                    // is about the place ("called for a cease-fire in Yemen").
                    && !(rule.kind != RelationKind::CallsFor && at_a_place(groups[g].tokens.start))
            });
            // "denounced the resolution after it condemned Syria": a pronoun between the
            // trigger and an actor is that actor's subject, so the actor is not this object.
            // "praised the troops and thanked the United States": a finite verb between the
            // trigger and the actor takes the actor as its own object.
            let finite_verb = |i: usize| {
                !in_mention[i]
                    && !AUXILIARIES.contains(&word(i))
                    && !what_called(i)
                    && sentence
                        .tags
                        .get(i)
                        .is_some_and(|t| matches!(t, Tag::Past | Tag::Present))
            };
            // "Washington supports the pact, a State Department spokesman, Ned Price, said": an
            // object that is no actor, closed by a comma, is the verb's own; the actor after
            // it is not ("met the group's leader, Kim" is: a person's noun names who follows).
            let closed_object = |between: Range<usize>| {
                between.clone().any(|comma| {
                    word(comma) == ","
                        && !in_mention[comma]
                        && !matches!(word(comma + 1), "including" | "notably" | "especially")
                        && (between.start..comma).any(|i| {
                            !in_mention[i]
                                && sentence
                                    .tags
                                    .get(i)
                                    .is_some_and(|t| matches!(t, Tag::Noun | Tag::Plural))
                                && !lexicon::names_a_person(word(i))
                        })
                })
            };
            // "urged international partners to provide boats to the police force": the verb's
            // object is a noun that names no actor, and an actor after the infinitive is the
            // infinitive's object ("threatened to impose tariffs on Mexico" has no object
            // before its infinitive; a call for something to be done is about the place).
            let infinitive = |between: Range<usize>| {
                rule.id != "calls_for.for"
                    && between.clone().any(|i| {
                        word(i) == "to"
                            && i + 1 < between.end
                            && sentence.tags.get(i + 1).is_some_and(|t| *t == Tag::Verb)
                            && (between.start..i).any(|n| {
                                !in_mention[n]
                                    && sentence
                                        .tags
                                        .get(n)
                                        .is_some_and(|t| matches!(t, Tag::Noun | Tag::Plural))
                            })
                    })
            };
            // "troops fighting alongside the M23": on its side, not against it.
            let alongside = |between: Range<usize>| {
                rule.kind == RelationKind::Fights
                    && between
                        .clone()
                        .any(|i| matches!(word(i), "alongside" | "beside"))
            };
            // "stormed the Mexican embassy": a demonym before a building's noun names where,
            // not whom.
            let building = |g: usize| {
                matches!(
                    word(groups[g].tokens.end),
                    "embassy"
                        | "embassies"
                        | "consulate"
                        | "consulates"
                        | "compound"
                        | "base"
                        | "bases"
                ) && sentence
                    .mentions
                    .iter()
                    .any(|m| m.tokens.end == groups[g].tokens.end && m.role == Role::Demonym)
            };
            // "had spoken with both prime ministers on Monday and that Malaysian Foreign
            // Minister X would travel": "that" opens another clause.
            let complement = |between: Range<usize>| {
                rule.kind == RelationKind::Meets
                    && between.clone().any(|i| word(i) == "that" && !in_mention[i])
            };
            // "welcomed what it called a historic step by South Korea": the actor in what the
            // speaker calls something is not the verb's object, unless the verb opposes it
            // ("rejected what it called Belmopan's attempt").
            let labelled = |between: Range<usize>| {
                rule.kind != RelationKind::Opposes
                    && between.clone().any(|i| {
                        word(i) == "what"
                            && (i + 2..(i + 6).min(between.end)).any(|k| {
                                matches!(
                                    word(k),
                                    "called" | "calls" | "described" | "termed" | "dubbed"
                                )
                            })
                    })
            };
            let after = after.filter(|&g| {
                let between = trigger.end..groups[g].tokens.start;
                !between.clone().any(subject_pronoun)
                    && !labelled(between.clone())
                    && !alongside(between.clone())
                    && !building(g)
                    && (rule.voice != Voice::Active
                        || !(between.clone().any(finite_verb)
                            || closed_object(between.clone())
                            || infinitive(between.clone())
                            || complement(between)))
            });
            let in_another_phrase = after.is_some_and(|g| {
                rule.head == Head::Noun && another_phrase(trigger.end, groups[g].tokens.start)
            });
            let after = after.filter(|_| !in_another_phrase);
            // "led by former Haitian National Police officer Jimmy Chérizier": actors in one
            // noun phrase qualify the last, its head.
            let after = after.map(|mut g| {
                while let Some(next) = groups.get(g + 1) {
                    let between = groups[g].tokens.end..next.tokens.start;
                    let one_phrase = between.len() <= 4
                        && clause_of[next.tokens.start] == clause
                        && groups[g].members.len() == 1
                        && between.clone().all(|i| {
                            tokens[i].is_word
                                && sentence.tags.get(i).is_some_and(|t| {
                                    matches!(t, Tag::Noun | Tag::Proper | Tag::Adjective)
                                })
                        });
                    if !one_phrase {
                        break;
                    }
                    g += 1;
                }
                g
            });
            // "X has faced an offensive and the fighting has threatened Libya": a common noun
            // right before the verb (past its auxiliaries and adverbs) is the verb's subject,
            // so the actor further back is not.
            // A noun with an actor in front is that actor's ("Bahrain's Sunni monarchy has
            // accused", "United Nations experts accuse"); a gerund modifies a noun ("a joint
            // statement criticizing China") and is let be.
            let finite =
                |t: &Tag| matches!(t, Tag::Past | Tag::Present | Tag::Verb | Tag::Participle);
            let noun_subject = sentence.tags.get(at).is_some_and(finite) && {
                let mut j = trigger.start;
                while j > 0
                    && !in_mention[j - 1]
                    && (AUXILIARIES.contains(&word(j - 1))
                        || sentence
                            .tags
                            .get(j - 1)
                            .is_some_and(|t| matches!(t, Tag::Adverb | Tag::Modal)))
                {
                    j -= 1;
                }
                let noun_at = |i: usize| {
                    !in_mention[i]
                        && sentence
                            .tags
                            .get(i)
                            .is_some_and(|t| matches!(t, Tag::Noun | Tag::Plural))
                };
                let mut k = j;
                while k > 0
                    && !in_mention[k - 1]
                    && sentence.tags.get(k - 1).is_some_and(|t| {
                        matches!(t, Tag::Noun | Tag::Plural | Tag::Adjective | Tag::Proper)
                    })
                {
                    k -= 1;
                }
                let owned = k > 0
                    && (in_mention[k - 1] || (word(k - 1) == "'s" && k >= 2 && in_mention[k - 2]));
                j > 0 && noun_at(j - 1) && !contains(lexicon::PEOPLE_NOUNS, word(j - 1)) && !owned
            };
            // "the gunmen who attacked Kosovo police": the subject is the noun before "who",
            // no actor.
            let mut j = trigger.start;
            while j > 0 && AUXILIARIES.contains(&word(j - 1)) {
                j -= 1;
            }
            let noun_relative = j >= 2
                && matches!(word(j - 1), "who" | "that")
                && !in_mention[j - 2]
                && sentence
                    .tags
                    .get(j - 2)
                    .is_some_and(|t| matches!(t, Tag::Noun | Tag::Plural));
            let before: Vec<usize> = if noun_subject || noun_relative {
                Vec::new()
            } else {
                before
            };
            let mut subjects = subject_groups(&groups, &before, &objects_used, &word);
            // "accuse Rwanda of backing the M23", "blamed Kinshasa for arming militias": the
            // one accused does what the gerund says.
            let accused = trigger.start >= 2
                && matches!(word(trigger.start - 1), "of" | "for")
                && sentence.tags.get(at).is_some_and(|t| *t == Tag::Gerund);
            // What one is accused of is reported, not confirmed ("has been accused of sending
            // weapons to the RSF").
            let accusation = trigger.start >= 1
                && matches!(word(trigger.start - 1), "of" | "for")
                && (trigger.start.saturating_sub(12)..trigger.start).any(|i| {
                    clause_of[i] == clause
                        && matches!(
                            word(i),
                            "accuse"
                                | "accuses"
                                | "accused"
                                | "accusing"
                                | "blamed"
                                | "blames"
                                | "blaming"
                                | "suspected"
                                | "alleged"
                                | "allegedly"
                        )
                });
            if accused
                && let Some(g) = (0..groups.len())
                    .find(|&g| groups[g].tokens.end == trigger.start - 1 && in_clause(&groups[g]))
            {
                subjects = vec![g];
            }
            // "X said the text was 'hastily drafted' and criticized Y": a verb joined by "and"
            // to an earlier one, with no subject of its own, shares the sentence's subject. So
            // does one whose only subject would be its own object ("X said Y had lost and
            // called on him": him is Y, so X is the caller).
            let own_object = |subjects: &[usize]| {
                after.is_some_and(|object| {
                    let ids = |g: usize| groups[g].members.iter().map(|(id, _)| *id);
                    subjects
                        .iter()
                        .all(|&s| ids(s).all(|id| ids(object).any(|o| o == id)))
                })
            };
            // So does one after "but" ("welcomed Modi's visit but accused Muizzu"), and a
            // participle after a comma ("X, whose term ends in January, shot back, accusing
            // the United States of").
            let mut joined_at = trigger.start;
            while joined_at > 0
                && matches!(
                    word(joined_at - 1),
                    "also" | "then" | "later" | "repeatedly"
                )
            {
                joined_at -= 1;
            }
            let joined = joined_at >= 1
                && (matches!(word(joined_at - 1), "and" | "but")
                    || (word(joined_at - 1) == ","
                        && sentence.tags.get(at).is_some_and(|t| *t == Tag::Gerund)));
            // "The junta broke with former colonial power France and turned to Russia": right
            // after "and", the list before is the earlier verb's, not this one's subject.
            let after_and = joined_at >= 1 && matches!(word(joined_at - 1), "and" | "but");
            // A mutual verb goes on with its own clause's list ("Trump said Armenia and
            // Azerbaijan met and agreed").
            let from = if rule.voice == Voice::Mutual {
                clause_start_of(trigger.start)
            } else {
                0
            };
            // The subject of the clause from `from` on, when it stands before the trigger.
            let earlier_subject = |from: usize| {
                sentence_subject(&groups, &sentence.tags, &in_mention, &word, from)
                    .filter(|&g| groups[g].tokens.end <= trigger.start)
            };
            if after_and {
                subjects = earlier_subject(from).into_iter().collect();
            }
            if (subjects.is_empty() || own_object(&subjects)) && joined {
                subjects = earlier_subject(0).into_iter().collect();
            }
            // "Canberra's efforts to counter China's influence", "Russia's latest bid to block
            // X": the infinitive's subject is the noun's possessor, after a preposition or not.
            if rule.voice == Voice::Active && trigger.start >= 3 && word(trigger.start - 1) == "to"
            {
                let mut i = trigger.start - 1;
                while i > 0
                    && trigger.start - 1 - i < 2
                    && !in_mention[i - 1]
                    && sentence
                        .tags
                        .get(i - 1)
                        .is_some_and(|t| matches!(t, Tag::Noun | Tag::Plural | Tag::Adjective))
                {
                    i -= 1;
                }
                let possessor = (i < trigger.start - 1 && i >= 2 && word(i - 1) == "'s")
                    .then(|| {
                        (0..groups.len())
                            .find(|&g| groups[g].tokens.end == i - 1 && in_clause(&groups[g]))
                    })
                    .flatten();
                if let Some(g) = possessor {
                    subjects = vec![g];
                }
            }
            // "Egypt, which has backed Hifter": the subject of a relative clause is the actor
            // just before its ", which" or ", who", if an actor is there ("officials, who" has
            // none, and then nothing is drawn).
            let clause_start = clause_start_of(trigger.start);
            // "The Arab League, of which Somalia is a member, condemned the memorandum and
            // called on Ethiopia": after the relative clause's closing comma, the verb is the
            // antecedent's.
            let comma = if word(clause_start.saturating_sub(1)) == "," {
                clause_start.checked_sub(1)
            } else {
                clause_start
                    .checked_sub(2)
                    .filter(|&c| word(c) == "," && clause_start >= 2)
            };
            let antecedent = comma
                .filter(|_| matches!(word(clause_start), "who" | "which" | "whom" | "whose"))
                .and_then(|comma| (0..groups.len()).find(|&g| groups[g].tokens.end == comma));
            // "X, whose leader, Kim, has rejected": the one the possessed noun names is the
            // subject, not X.
            // "Lukashenko, whose country is also a member": the country, no actor, is.
            let subject_antecedent = antecedent.filter(|_| {
                word(clause_start) != "whose"
                    || !(noun_subject
                        || word(clause_start + 2) == ","
                        || subjects
                            .first()
                            .is_some_and(|&s| groups[s].tokens.start == clause_start + 2))
            });
            let closed = (clause_start..trigger.start)
                .any(|i| word(i) == "," && !groups.iter().any(|g| g.tokens.contains(&i)));
            if let Some(antecedent) = subject_antecedent
                && (subjects.is_empty() || closed)
            {
                subjects = vec![antecedent];
            }
            if rule.apposition {
                subjects = (trigger.start >= 2 && word(trigger.start - 1) == ",")
                    .then(|| (0..groups.len()).find(|&g| groups[g].tokens.end == trigger.start - 1))
                    .flatten()
                    .into_iter()
                    .collect();
            }
            // "Niger's delegation was led by", "the Russian delegation, headed by": the
            // delegation's possessor, or nobody.
            if rule.possessed {
                // "Russia's full-scale invasion", "the Russian military occupation": past the
                // possessed noun's adjectives.
                let mut head = trigger.start;
                while head > 0
                    && trigger.start - head < 2
                    && !in_mention[head - 1]
                    && (word(head - 1).contains('-')
                        || sentence.tags.get(head - 1) == Some(&Tag::Adjective))
                {
                    head -= 1;
                }
                let end = if head >= 1 && word(head - 1) == "'s" {
                    head - 1
                } else {
                    head
                };
                subjects = (0..groups.len())
                    .filter(|&g| groups[g].tokens.end == end && in_clause(&groups[g]))
                    .collect();
            }
            let subject_end = subjects
                .last()
                .map_or(trigger.start, |&g| groups[g].tokens.end);
            let negated =
                (subject_end.max(trigger.start.saturating_sub(5))..trigger.end).any(|i| {
                    !in_mention[i] && (contains(NEGATIONS, word(i)) || word(i).ends_with("n't"))
                });
            // "suspended talks with", "froze military aid to": what is called off is no fact.
            let called_off =
                (subject_end.max(trigger.start.saturating_sub(5))..trigger.start).any(|i| {
                    !in_mention[i]
                        && (contains(CALLED_OFF, word(i))
                            || (word(i) == "off"
                                && i > 0
                                && matches!(
                                    word(i - 1),
                                    "broke" | "breaks" | "break" | "called" | "calls" | "call"
                                )))
                });
            // "A meeting he had planned to host between A and B was called off": so is what
            // the sentence calls off after it.
            let called_off_after = (trigger.end..tokens.len()).any(|i| {
                matches!(word(i), "was" | "were" | "been")
                    && (matches!(
                        word(i + 1),
                        "cancelled" | "canceled" | "scrapped" | "postponed" | "shelved"
                    ) || (word(i + 1) == "called" && word(i + 2) == "off"))
            });
            if negated || called_off || called_off_after {
                note(Err(Miss::Negated));
                next = end;
                break 'rules;
            }
            // "Mali is backed by Russia, according to Western diplomats": attributed, not
            // confirmed, wherever the attribution stands in the sentence after the trigger.
            let attributed = (trigger.end..tokens.len().saturating_sub(1))
                .any(|i| word(i) == "according" && word(i + 1) == "to");
            let status = status_before(
                &word,
                subject_end.max(trigger.start.saturating_sub(10)),
                trigger.start,
            )
            .or(attributed.then_some(Status::Reported))
            .or(accusation.then_some(Status::Reported));
            // "said she would meet Moutchou on Tuesday": what would happen on a set day is in
            // the calendar.
            let dated = || {
                (trigger.end..tokens.len()).any(|i| {
                    (word(i) == "on" && contains(WEEKDAYS, word(i + 1)))
                        || (word(i) == "next"
                            && (matches!(word(i + 1), "week" | "month")
                                || contains(WEEKDAYS, word(i + 1))))
                        || word(i) == "tomorrow"
                })
            };
            let would = (subject_end.max(trigger.start.saturating_sub(10))..trigger.start)
                .any(|i| word(i) == "would");
            let status = match status {
                Some(Status::Planned) if would && dated() => Some(Status::Scheduled),
                other => other,
            };
            // "Niger's delegation was led by President X": a head-of title makes the person
            // the leader, as "led by" reads on its own.
            let mut led_by_head = false;
            let head_title = |words: Range<usize>| {
                let mut last = None;
                let mut i = words.start;
                while i < words.end {
                    let title = (1..=3).rev().find_map(|n| {
                        let title = (i..(i + n).min(words.end))
                            .map(&word)
                            .collect::<Vec<_>>()
                            .join(" ");
                        lexicon::TITLES
                            .iter()
                            .find(|(t, _)| *t == title)
                            .map(|(_, kind)| (n, *kind))
                    });
                    match title {
                        Some((n, kind)) => {
                            last = Some(kind);
                            i += n;
                        }
                        None => i += 1,
                    }
                }
                last == Some(Some(RelationKind::Leads))
            };
            let pairs: Vec<Pair> = match rule.voice {
                Voice::Active | Voice::Passive => {
                    // "Iran, which the United States accuses of arming the rebels", "Cyprus,
                    // whose gas blocks Ankara has challenged": the relative clause's own
                    // subject acts on its antecedent.
                    let relative_object = rule.voice == Voice::Active
                        && subject_antecedent.is_some()
                        && matches!(word(clause_start), "which" | "whom" | "whose")
                        && (after.is_none() || matches!(word(end), "of" | "for"))
                        && subjects
                            .iter()
                            .all(|&s| groups[s].tokens.start > clause_start);
                    let after = if relative_object {
                        antecedent.or(after)
                    } else {
                        after
                    };
                    // "in 2020 it normalised ties with Israel, a move Iran condemned", "a
                    // charge that Bishkek rejected": an event set beside the clause before is
                    // that clause's subject's doing, so it is what the verb acts on.
                    let after = after.or_else(|| {
                        if in_another_phrase
                            || !matches!(rule.kind, RelationKind::Opposes | RelationKind::Supports)
                        {
                            return None;
                        }
                        let mut i = subjects.iter().map(|&g| groups[g].tokens.start).min()?;
                        if i > 0 && word(i - 1) == "the" {
                            i -= 1;
                        }
                        if i > 0 && matches!(word(i - 1), "that" | "which") {
                            i -= 1;
                        }
                        let nouns_end = i;
                        while i > 0
                            && nouns_end - i < 3
                            && !in_mention[i - 1]
                            && sentence.tags.get(i - 1).is_some_and(|t| {
                                matches!(t, Tag::Noun | Tag::Plural | Tag::Adjective)
                            })
                        {
                            i -= 1;
                        }
                        if i == nouns_end || i < 2 || !matches!(word(i - 1), "a" | "an") {
                            return None;
                        }
                        let comma = i - 2;
                        if word(comma) != "," || comma < clause_start {
                            return None;
                        }
                        (0..groups.len()).find(|&g| {
                            groups[g].tokens.start >= clause_start
                                && groups[g].tokens.end < comma
                                && !groups[g].location
                                && !subjects.contains(&g)
                                && (groups[g].tokens.end..comma).any(finite_verb)
                        })
                    });
                    let Some(object) = after else {
                        note(Err(if in_another_phrase {
                            Miss::OtherPhrase
                        } else {
                            Miss::NoObject
                        }));
                        continue 'rules;
                    };
                    // "warned Iran", "praised the United States": the one warned or praised
                    // comes right after the verb, and is the phrase's head or its possessor
                    // ("praised Mexico's efforts"; not "praised the Senegalese people's
                    // commitment").
                    let direct = || {
                        // The phrase's first actor ("the UN Security Council": "UN").
                        let mut start = groups[object].tokens.start;
                        while let Some(glued) = groups[..object]
                            .iter()
                            .rev()
                            .find(|g| g.tokens.end == start)
                        {
                            start = glued.tokens.start;
                        }
                        let right_after = start == end
                            || (start == end + 1 && matches!(word(end), "the" | "both"))
                            || (start == end + 2 && word(end) == "both" && word(end + 1) == "the");
                        // "struck Houthi targets": what is struck is the actor's.
                        let military_noun = rule.kind == RelationKind::Fights
                            && matches!(
                                word(groups[object].tokens.end),
                                "targets"
                                    | "positions"
                                    | "bases"
                                    | "forces"
                                    | "fighters"
                                    | "troops"
                                    | "militants"
                                    | "sites"
                                    | "facilities"
                                    | "camps"
                                    | "hideouts"
                                    | "strongholds"
                            );
                        // "joined the BRICS group": a noun for a body is the actor's own.
                        let body_noun = military_noun
                            || rule.kind == RelationKind::MemberOf
                                && matches!(
                                    word(groups[object].tokens.end),
                                    "group"
                                        | "bloc"
                                        | "alliance"
                                        | "grouping"
                                        | "club"
                                        | "organization"
                                        | "organisation"
                                        | "union"
                                        | "coalition"
                                        | "forum"
                                );
                        right_after
                            && (body_noun
                                || sentence
                                    .tags
                                    .get(groups[object].tokens.end)
                                    .is_none_or(|t| !matches!(t, Tag::Noun | Tag::Plural)))
                            // "thanked Oman's ruler, Sultan Haitham": the ruler is thanked.
                            && !(word(groups[object].tokens.end) == "'s"
                                && lexicon::names_a_person(word(groups[object].tokens.end + 1)))
                    };
                    if rule.object == Object::Direct && !direct() {
                        note(Err(Miss::NoObject));
                        continue 'rules;
                    }
                    let object_end = groups[object].tokens.end;
                    if contains(rule.refused_after, word(object_end)) {
                        note(Err(Miss::RefusedAfter));
                        continue 'rules;
                    }
                    if !rule.complement.is_empty()
                        && !(object_end..(object_end + 5).min(tokens.len()))
                            .any(|i| contains(rule.complement, word(i)))
                    {
                        note(Err(Miss::NoComplement));
                        continue 'rules;
                    }
                    // "to meet the emir", "for talks with the junta"; not "to brief officials
                    // on the talks".
                    let meeting_later = || {
                        (end..tokens.len()).any(|i| {
                            matches!(word(i), "meet" | "met")
                                || (matches!(word(i), "meeting" | "meetings" | "talks")
                                    && word(i + 1) == "with")
                        })
                    };
                    if rule.yields_to_meeting && meeting_later() {
                        note(Err(Miss::MeetingNamed));
                        continue 'rules;
                    }
                    if subjects.is_empty() {
                        note(Err(Miss::NoSubject));
                        continue 'rules;
                    }
                    objects_used[object] = true;
                    led_by_head = rule.kind == RelationKind::MemberOf
                        && rule.voice == Voice::Passive
                        && head_title(trigger.end..groups[object].tokens.end);
                    // "held talks with Sudani and with President Rashid", "called on A and on
                    // B": the preposition repeated after "and" goes on with the objects.
                    let mut objects = vec![object];
                    let preposition = word(end - 1);
                    while let Some(next) = groups.get(objects[objects.len() - 1] + 1) {
                        let last = &groups[objects[objects.len() - 1]];
                        let between: Vec<&str> =
                            (last.tokens.end..next.tokens.start).map(&word).collect();
                        let repeated = matches!(preposition, "with" | "on" | "to" | "against")
                            && matches!(between[..], ["and", p] | [",", "and", p] if p == preposition)
                            && in_clause(next);
                        if !repeated {
                            break;
                        }
                        objects.push(objects[objects.len() - 1] + 1);
                    }
                    let mut pairs = Vec::new();
                    for &s in &subjects {
                        for subject in &groups[s].members {
                            for object in objects.iter().flat_map(|&o| &groups[o].members) {
                                pairs.push(if rule.voice == Voice::Active {
                                    (subject.clone(), object.clone())
                                } else {
                                    (object.clone(), subject.clone())
                                });
                            }
                        }
                    }
                    pairs
                }
                Voice::Mutual => {
                    if word(end) == "with" {
                        note(Err(Miss::FollowedByWith));
                        continue 'rules;
                    }
                    // "A and B pressed the warring sides to agree": the infinitive's subject is
                    // whom they pressed, not A and B.
                    if rule.head == Head::Verb && at > 0 && word(at - 1) == "to" {
                        note(Err(Miss::NoSubject));
                        continue 'rules;
                    }
                    let mut members: Vec<Member> = subjects
                        .iter()
                        .flat_map(|&g| groups[g].members.clone())
                        .collect();
                    if members.len() < 2 {
                        // "Following a meeting in Istanbul, the two presidents ...".
                        members = (0..groups.len())
                            .find(|&g| {
                                in_clause(&groups[g])
                                    && groups[g].tokens.start >= trigger.end
                                    && !groups[g].blocked
                                    && groups[g].members.len() >= 2
                            })
                            .map(|g| groups[g].members.clone())
                            .unwrap_or_default();
                    }
                    all_pairs(&members)
                }
                Voice::MutualAfter => {
                    let Some(g) = after.filter(|&g| groups[g].tokens.start - trigger.end <= 2)
                    else {
                        note(Err(Miss::NoListAfter));
                        continue 'rules;
                    };
                    all_pairs(&groups[g].members)
                }
                Voice::Objection => {
                    let Some(g) = after.filter(|&g| groups[g].tokens.start - trigger.end <= 1)
                    else {
                        note(Err(Miss::NoListAfter));
                        continue 'rules;
                    };
                    // Mediators meet the parties of talks, not of a deal they brokered.
                    let talks = (clause_start_of(trigger.start)..trigger.start).any(|i| {
                        matches!(word(i), "talks" | "negotiations" | "dialogue" | "meeting")
                    });
                    if rule.kind == RelationKind::Meets && !talks {
                        note(Err(Miss::NoTalks));
                        continue 'rules;
                    }
                    let sources = &groups[g].members;
                    let mut pairs = Vec::new();
                    for &b in &before {
                        for target in &groups[b].members {
                            for source in sources {
                                if !sources.iter().any(|(id, _)| *id == target.0) {
                                    pairs.push((source.clone(), target.clone()));
                                }
                            }
                        }
                    }
                    pairs
                }
            };
            if pairs.is_empty() {
                note(Err(Miss::FewerThanTwo));
                continue 'rules;
            }
            // A dispute is each side's against the other.
            let pairs = if rule.both_ways {
                let back: Vec<Pair> = pairs.iter().map(|(a, b)| (b.clone(), a.clone())).collect();
                pairs.into_iter().chain(back).collect()
            } else {
                pairs
            };
            note(Ok(pairs.len()));
            // Looked up only when a head-of title asks for it: this runs for every match.
            let leads = led_by_head
                .then(|| RULES.iter().find(|rule| rule.id == "leads.passive"))
                .flatten();
            let context = match leads {
                Some(rule) => Context { rule, ..context },
                None => context,
            };
            for (source, target) in pairs {
                context.push(found, source, target, status);
            }
            next = end;
            break 'rules;
        }
        at = next;
    }
    // "Chérizier is under U.N. and U.S. sanctions": the actors named before the sanctions
    // impose them on the subject.
    let under = RULES.iter().find(|rule| rule.id == "opposes.under");
    for (g, group) in groups.iter().enumerate() {
        let start = group.tokens.start;
        let sanctions = start > 0
            && word(start - 1) == "under"
            && matches!(word(group.tokens.end), "sanctions" | "embargo" | "blockade");
        let Some(rule) = under.filter(|_| sanctions) else {
            continue;
        };
        let before: Vec<usize> = (0..g)
            .filter(|&b| clause_of[groups[b].tokens.start] == clause_of[start])
            .collect();
        let mut subjects = subject_groups(&groups, &before, &objects_used, &word);
        // "Chérizier, who has been under U.N. sanctions": the relative clause's antecedent.
        let clause_start = clause_start_of(start);
        if subjects.is_empty()
            && matches!(word(clause_start), "who" | "which")
            && clause_start >= 2
            && word(clause_start - 1) == ","
        {
            subjects.extend((0..g).find(|&b| groups[b].tokens.end == clause_start - 1));
        }
        let trigger = tokens[start - 1].span.start..tokens[group.tokens.end].span.end;
        let label = text[trigger.clone()].to_owned();
        let context = Context {
            rule,
            trigger_span: trigger.clone(),
            label: &label,
            document,
        };
        let mut drawn = 0;
        for &s in &subjects {
            for target in &groups[s].members {
                for source in &group.members {
                    context.push(found, source.clone(), target.clone(), None);
                    drawn += 1;
                }
            }
        }
        record(&mut attempts, rule.id, trigger, drawn, Miss::NoSubject);
    }
}

/// One sentence as the passes outside the rule table read it.
struct Passage<'a> {
    text: &'a str,
    lower: &'a Lower,
    sentence: &'a Sentence,
    document: usize,
}

/// Where a pass notes its attempts, for `--explain`.
type Attempts<'a> = Option<&'a mut Vec<Attempt>>;

impl<'a> Passage<'a> {
    fn parts(&self) -> (&'a str, &'a Sentence, &'a [super::tokens::Token]) {
        (self.text, self.sentence, &self.sentence.tokens)
    }

    /// The lower case of token `i`, or "" past the end.
    fn word(&self, i: usize) -> &'a str {
        let lower: &'a Lower = self.lower;
        self.sentence
            .tokens
            .get(i)
            .map_or("", |t| &lower[t.span.clone()])
    }

    /// Draws `kind` from each of `ends.0` to each other of `ends.1`, with `label` and the
    /// evidence `span`; how many it drew.
    fn draw(
        &self,
        found: &mut Vec<Found>,
        ends: (&[usize], &[usize]),
        kind: RelationKind,
        label: &str,
        rule: &'static str,
        span: Range<usize>,
    ) -> usize {
        let mut drawn = 0;
        for &source in ends.0 {
            for &target in ends.1.iter().filter(|&&t| t != source) {
                found.push(Found {
                    source,
                    target,
                    kind,
                    status: None,
                    label: label.to_owned(),
                    rule,
                    document: self.document,
                    span: span.clone(),
                });
                drawn += 1;
            }
        }
        drawn
    }
}

/// "Rwanda-backed M23 rebels", "Hezbollah, the Iran-backed group, denied": the actor glued to a
/// backing participle supports the actor the word qualifies (a camp's backers, "Turkish-backed
/// forces", are drawn with the camp).
fn compound_backers(passage: &Passage, found: &mut Vec<Found>, mut attempts: Attempts) {
    let (text, sentence, tokens) = passage.parts();
    let word = |i: usize| passage.word(i);
    for &(t, backer) in &sentence.compounds {
        let backing = word(t)
            .rsplit_once('-')
            .is_some_and(|(_, participle)| contains(lexicon::BACKING_PARTICIPLES, participle));
        if !backing || t >= tokens.len() {
            continue;
        }
        let qualified = sentence
            .mentions
            .iter()
            .find(|m| m.tokens.start == t + 1 || m.tokens.contains(&t))
            .or_else(|| {
                // An apposition: "X, the Iran-backed group,".
                let article = t
                    .checked_sub(1)
                    .filter(|&a| matches!(word(a), "the" | "a" | "an"))?;
                let comma = article.checked_sub(1).filter(|&c| word(c) == ",")?;
                sentence.mentions.iter().find(|m| m.tokens.end == comma)
            })
            .filter(|m| m.role != Role::Camp);
        // "the Iran-backed Iraqi armed group Kataib Hezbollah": a demonym qualifies the head
        // further on, the next actor in the phrase, or none.
        let qualified = match qualified {
            Some(m) if m.role == Role::Demonym => sentence.mentions.iter().find(|next| {
                next.tokens.start >= m.tokens.end
                    && next.tokens.start - m.tokens.end <= 3
                    && (m.tokens.end..next.tokens.start).all(|i| {
                        tokens[i].is_word
                            && sentence.tags.get(i).is_some_and(|t| {
                                matches!(t, Tag::Noun | Tag::Plural | Tag::Adjective)
                            })
                    })
            }),
            other => other,
        };
        let Some(mention) = qualified else {
            continue;
        };
        let trigger = tokens[t].span.clone();
        let span = trigger.start.min(mention.span.start)..trigger.end.max(mention.span.end);
        let drawn = passage.draw(
            found,
            (&[backer], &mention.entities),
            RelationKind::Supports,
            &text[trigger.clone()],
            "supports.compound",
            span,
        );
        record(
            &mut attempts,
            "supports.compound",
            trigger,
            drawn,
            Miss::FewerThanTwo,
        );
    }
}

/// "condemned what he called a reckless provocation by Venezuela", "spoke of what she described
/// as Russian interference": the one who names a wrong opposes whoever the text says does it,
/// named before the wrong (a demonym or a possessor, past adjectives) or after it ("by",
/// "from", "of").
fn labelled_wrongs(passage: &Passage, found: &mut Vec<Found>, mut attempts: Attempts) {
    let (text, sentence, tokens) = passage.parts();
    let word = |i: usize| passage.word(i);
    let mention_at = |start: usize| sentence.mentions.iter().find(|m| m.tokens.start == start);
    let mention_ending = |end: usize| sentence.mentions.iter().find(|m| m.tokens.end == end);
    for what in (0..tokens.len()).filter(|&i| word(i) == "what") {
        // "Guyana condemned what it called": a pronoun no one was found for is the subject of
        // the sentence, its first actor not after a preposition.
        let unresolved = mention_at(what + 1).is_none()
            && matches!(word(what + 1), "it" | "he" | "she" | "they" | "we");
        let speaker = if unresolved {
            sentence.mentions.iter().find(|m| {
                m.tokens.end <= what
                    && (m.tokens.start == 0
                        || !contains(lexicon::PREPOSITIONS, word(m.tokens.start - 1)))
            })
        } else {
            mention_at(what + 1)
        };
        let Some(speaker) = speaker else {
            continue;
        };
        let mut verb = if unresolved {
            what + 2
        } else {
            speaker.tokens.end
        };
        if matches!(word(verb), "has" | "had" | "have") {
            verb += 1;
        }
        if !matches!(
            word(verb),
            "called" | "calls" | "described" | "describes" | "termed" | "terms" | "dubbed"
        ) {
            continue;
        }
        let mut from = verb + 1;
        if word(from) == "as" {
            from += 1;
        }
        // The wrong ends the phrase: up to six words of it, none a verb, comma or quote.
        let Some(wrong) = (from..(from + 7).min(tokens.len()))
            .take_while(|&i| {
                tokens[i].is_word || word(i) == "'s" || word(i) == "-" || word(i) == "\u{2019}s"
            })
            .find(|&i| contains(lexicon::WRONGS, word(i)))
        else {
            continue;
        };
        // "Thai aggression", "Russia's interference", "the Israeli military's occupation":
        // an actor before the wrong, past adjectives and nouns.
        // "the Venezuelan government's personal attacks": past a possessive too.
        let mut i = wrong;
        while i > from
            && mention_ending(i).is_none()
            && (word(i - 1) == "'s"
                || sentence
                    .tags
                    .get(i - 1)
                    .is_some_and(|t| matches!(t, Tag::Adjective | Tag::Noun | Tag::Plural)))
        {
            i -= 1;
        }
        let before = mention_ending(i).filter(|m| m.tokens.start >= from);
        // "a provocation by Venezuela", "interference in the vote from Moscow".
        let after = || {
            let end = (wrong + 6).min(tokens.len());
            (wrong + 1..end)
                .take_while(|&k| tokens[k].is_word)
                .find(|&k| matches!(word(k), "by" | "from") || (k == wrong + 1 && word(k) == "of"))
                .and_then(|k| {
                    let start = if word(k + 1) == "the" { k + 2 } else { k + 1 };
                    mention_at(start)
                })
        };
        let Some(doer) = before.or_else(after) else {
            record(
                &mut attempts,
                "opposes.labelled",
                tokens[what].span.start..tokens[wrong].span.end,
                0,
                Miss::NoObject,
            );
            continue;
        };
        let trigger = tokens[what].span.start..tokens[wrong].span.end;
        let span = speaker.span.start.min(doer.span.start)..trigger.end.max(doer.span.end);
        let drawn = passage.draw(
            found,
            (&speaker.entities, &doer.entities),
            RelationKind::Opposes,
            &text[tokens[wrong].span.clone()],
            "opposes.labelled",
            span,
        );
        record(
            &mut attempts,
            "opposes.labelled",
            trigger,
            drawn,
            Miss::FewerThanTwo,
        );
    }
}

/// Notes, for `--explain`, what a pass outside the rule table drew at `span`, or `miss` when
/// it drew nothing.
fn record(
    attempts: &mut Option<&mut Vec<Attempt>>,
    rule: &'static str,
    span: Range<usize>,
    drawn: usize,
    miss: Miss,
) {
    if let Some(attempts) = attempts.as_deref_mut() {
        attempts.push(Attempt {
            rule,
            span,
            outcome: if drawn > 0 { Ok(drawn) } else { Err(miss) },
        });
    }
}

/// The subject of the clause from token `from` on (0: the sentence's first clause): its first
/// list that is not after a preposition nor a place, nor a possessor, with no finite verb
/// before it ("At a briefing in Beijing, spokesman Guo Jiakun said": Guo Jiakun; "Sheinbaum's
/// predecessor, López Obrador, sent": López Obrador).
fn sentence_subject<'a>(
    groups: &[Group],
    tags: &[Tag],
    in_mention: &[bool],
    word: &impl Fn(usize) -> &'a str,
    from: usize,
) -> Option<usize> {
    let first_verb = (from..tags.len())
        .find(|&i| !in_mention[i] && matches!(tags[i], Tag::Past | Tag::Present))
        .unwrap_or(tags.len());
    (0..groups.len())
        .filter(|&g| groups[g].tokens.start >= from)
        .take_while(|&g| groups[g].tokens.start < first_verb)
        .find(|&g| !groups[g].blocked && !groups[g].location && word(groups[g].tokens.end) != "'s")
        // "the ECOWAS chairman, Sierra Leone's President Julius Maada Bio, welcomed": the
        // apposition between commas names the subject more closely.
        .map(|g| {
            let end = groups[g].tokens.end;
            match groups.get(g + 1) {
                Some(next)
                    if word(end) == ","
                        && next.tokens.start == end + 1
                        && word(next.tokens.end) == "," =>
                {
                    g + 1
                }
                _ => g,
            }
        })
}

/// The subject of a verb: the nearest list before it that is not after a preposition and not
/// already the object of an earlier verb, with a list joined to it through people who stand
/// for it ("the EU's top diplomat and the foreign ministers of Britain and France").
fn subject_groups<'a>(
    groups: &[Group],
    before: &[usize],
    objects_used: &[bool],
    word: &impl Fn(usize) -> &'a str,
) -> Vec<usize> {
    let mut candidates = before
        .iter()
        .rev()
        .copied()
        .filter(|&g| !groups[g].blocked && !objects_used[g]);
    let Some(nearest) = candidates.next() else {
        return Vec::new();
    };
    let mut subjects = vec![nearest];
    for g in candidates {
        let later = &groups[*subjects.last().unwrap_or(&nearest)];
        let bridge: Vec<&str> = (groups[g].tokens.end..later.tokens.start)
            .map(word)
            .collect();
        let joined = bridge.first() == Some(&"and")
            && bridge.len() <= 6
            && bridge.iter().any(|w| contains(lexicon::PEOPLE_NOUNS, w));
        if !joined {
            break;
        }
        subjects.push(g);
    }
    subjects.reverse();
    subjects
}

type Member = (usize, Range<usize>);
type Pair = (Member, Member);

struct Context<'a> {
    rule: &'static Rule,
    trigger_span: Range<usize>,
    label: &'a str,
    document: usize,
}

impl Context<'_> {
    fn push(&self, found: &mut Vec<Found>, source: Member, target: Member, status: Option<Status>) {
        if source.0 == target.0 {
            return;
        }
        let start = source
            .1
            .start
            .min(target.1.start)
            .min(self.trigger_span.start);
        let end = source.1.end.max(target.1.end).max(self.trigger_span.end);
        found.push(Found {
            source: source.0,
            target: target.0,
            kind: self.rule.kind,
            status,
            label: self.label.to_owned(),
            rule: self.rule.id,
            document: self.document,
            span: start..end,
        });
    }
}

fn all_pairs(members: &[Member]) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for (i, a) in members.iter().enumerate() {
        for b in &members[i + 1..] {
            if a.0 != b.0 {
                pairs.push((a.clone(), b.clone()));
            }
        }
    }
    pairs
}

/// The status words between the subject and the verb, nearest first.
fn status_before<'a>(word: &impl Fn(usize) -> &'a str, from: usize, to: usize) -> Option<Status> {
    // "the May cease-fire", "since May": the month.
    let month = |i: usize| {
        i > 0
            && matches!(
                word(i - 1),
                "the"
                    | "in"
                    | "of"
                    | "since"
                    | "until"
                    | "last"
                    | "this"
                    | "next"
                    | "early"
                    | "late"
                    | "mid"
                    | "from"
                    | "by"
                    | "on"
            )
    };
    (from..to).rev().find_map(|i| match word(i) {
        "may" if month(i) => None,
        "will" | "'ll" | "scheduled" | "set" | "due" | "shall" => Some(Status::Scheduled),
        "expected" | "likely" | "may" | "might" | "could" => Some(Status::Expected),
        "plans" | "plan" | "planned" | "planning" | "intends" | "intend" | "intended" | "wants"
        | "hopes" | "would" | "seeks" | "aims" => Some(Status::Planned),
        "reportedly" | "allegedly" | "reported" | "purportedly" => Some(Status::Reported),
        _ => None,
    })
}

/// Whether the rule's slots match from token `at`; the end of the match.
fn match_slots<'a>(
    slots: &[Slot],
    at: usize,
    word: &impl Fn(usize) -> &'a str,
    in_mention: &[bool],
    place: &[bool],
    clause_of: &[usize],
) -> Option<usize> {
    let clause = clause_of[at];
    let usable = |i: usize| i < in_mention.len() && !in_mention[i] && clause_of[i] == clause;
    // In a gap, a place's words are let through and not counted.
    let passable = |i: usize| i < place.len() && place[i] && clause_of[i] == clause;
    fn go<'a>(
        slots: &[Slot],
        at: usize,
        word: &impl Fn(usize) -> &'a str,
        usable: &impl Fn(usize) -> bool,
        passable: &impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let Some((slot, rest)) = slots.split_first() else {
            return Some(at);
        };
        match slot {
            Slot::Words(words) => (usable(at) && words.contains(&word(at)))
                .then(|| go(rest, at + 1, word, usable, passable))
                .flatten(),
            Slot::Optional(words) => {
                if usable(at)
                    && words.contains(&word(at))
                    && let Some(end) = go(rest, at + 1, word, usable, passable)
                {
                    return Some(end);
                }
                go(rest, at, word, usable, passable)
            }
            Slot::Gap => {
                let mut i = at;
                let mut counted = 0;
                loop {
                    if let Some(end) = go(rest, i, word, usable, passable) {
                        return Some(end);
                    }
                    if passable(i) {
                        i += 1;
                        continue;
                    }
                    if counted == 4
                        || !usable(i)
                        || !word(i).starts_with(|c: char| c.is_alphanumeric())
                    {
                        return None;
                    }
                    counted += 1;
                    i += 1;
                }
            }
        }
    }
    go(slots, at, word, &usable, &passable)
}

/// The days a dated plan is set for ("on Tuesday", "next Monday").
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Nouns whose "of X" is X's act, X the agent of the verb after: "a resolution of the General
/// Assembly called on", "a gathering of the Arab League hosted by Iraq".
const ACTS_OF: &[&str] = &[
    "resolution",
    "resolutions",
    "statement",
    "decision",
    "gathering",
    "meeting",
    "summit",
    "session",
    "communique",
    "declaration",
    "spokesman",
    "spokeswoman",
    "spokesperson",
];

/// The coordinated lists of mentions of a sentence, in order.
fn groups<'a>(sentence: &Sentence, word: &impl Fn(usize) -> &'a str) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut last_role = None;
    // "hosted Eritrea's Isaias Afwerki and Somalia's Hassan Sheikh Mohamud": a possessor right
    // before a person is the person's, not an actor of the list; where it starts.
    let mut possessor_start = None;
    for (n, mention) in sentence.mentions.iter().enumerate() {
        let possessor = word(mention.tokens.end) == "'s"
            && sentence.mentions.get(n + 1).is_some_and(|next| {
                next.tokens.start == mention.tokens.end + 1 && next.role == Role::Person
            });
        if possessor {
            possessor_start.get_or_insert(mention.tokens.start);
            continue;
        }
        let start_of_phrase = possessor_start.take().unwrap_or(mention.tokens.start);
        let same_role = last_role == Some(mention.role);
        last_role = Some(mention.role);
        let members: Vec<Member> = mention
            .entities
            .iter()
            .map(|&id| (id, mention.span.clone()))
            .collect();
        if let Some(last) = groups.last_mut() {
            // "Iran and the United States", "Kayikwamba Wagner and her Rwandan counterpart":
            // a determiner or a possessive pronoun before the next member is part of it.
            let between: Vec<&str> = (last.tokens.end..start_of_phrase)
                .map(word)
                .filter(|w| !matches!(*w, "the" | "his" | "her" | "its" | "their"))
                .collect();
            // "Abiy Ahmed and Somaliland President Muse Bihi Abdi", "and Somaliland's leader,
            // Muse Bihi Abdi": a person's title may open with a name no one knows.
            let unknown_name = |i: usize| {
                word(i) == "'s" || sentence.tags.get(i).is_some_and(|t| *t == Tag::Proper)
            };
            let through_unknown_name = mention.role == Role::Person
                && word(last.tokens.end) == "and"
                && (2..=4).contains(&(mention.tokens.start - last.tokens.end))
                && (last.tokens.end + 1..mention.tokens.start).all(unknown_name);
            // A comma alone joins like with like ("Britain, France"), not "in Brussels, X".
            let joins = through_unknown_name
                || match between.as_slice() {
                    [","] => same_role,
                    list => matches!(
                        list,
                        ["and"]
                            | [",", "and"]
                            | ["as", "well", "as"]
                            | [",", "as", "well", "as"]
                            | ["and", "also"]
                            | ["or"]
                            | [",", "or"]
                    ),
                };
            if joins {
                last.tokens.end = mention.tokens.end;
                last.members.extend(members);
                continue;
            }
        }
        // "of the right-wing Democratic Centre party": the preposition before the phrase's
        // determiner and adjectives.
        let mut start = start_of_phrase;
        // "right-wing", "Moscow-backed": a word with inner hyphens modifies what follows.
        let hyphenated = |i: usize| word(i).len() > 2 && word(i).contains('-');
        let modifier = |i: usize| {
            (hyphenated(i)
                || matches!(
                    sentence.tags.get(i),
                    Some(Tag::Determiner | Tag::Adjective | Tag::Number)
                ))
                && !matches!(word(i), "both" | "all" | "each")
        };
        let mut skipped = 0;
        // A titled person's mention may open with the affiliation ("of the 15-nation
        // Caribbean Community, Barbados' ambassador, Ricardo Hinds, said"): the person is
        // still the subject.
        let affiliation_first =
            mention.role == Role::Person && mention.tokens.clone().any(|i| word(i) == ",");
        while !affiliation_first && skipped < 5 && start > 0 && modifier(start - 1) {
            start -= 1;
            skipped += 1;
        }
        if skipped > 0 && !contains(lexicon::PREPOSITIONS, start.checked_sub(1).map_or("", word)) {
            start = start_of_phrase;
        }
        let mut previous = start.checked_sub(1).map_or("", word);
        if previous == "both" {
            previous = start.checked_sub(2).map_or("", word);
        }
        let before_previous = start.checked_sub(2).map_or("", word);
        // "the foreign ministers of Britain": the ministers stand for Britain.
        // "delegations from Sudan's army and the RSF met": the delegations stand for them.
        let of_people = matches!(previous, "of" | "from")
            && contains(lexicon::PEOPLE_NOUNS, before_previous)
            || previous == "of" && contains(ACTS_OF, before_previous);
        let blocked = contains(lexicon::PREPOSITIONS, previous) && !of_people;
        // "in Brussels", "the city of El Fasher": where, not who.
        let location = (mention.role == Role::Seat
            && matches!(previous, "in" | "at" | "from" | "near" | "outside"))
            || (previous == "of" && contains(lexicon::PLACE_NOUNS, before_previous));
        groups.push(Group {
            tokens: start_of_phrase..mention.tokens.end,
            members,
            blocked,
            location,
        });
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::RULES;

    #[test]
    fn patterns_are_well_formed() {
        for rule in RULES {
            for slot in rule.pattern.split(' ') {
                // "?" makes a whole slot optional; inside an alternative it would be a word
                // no text has ("clashes with|against|?on" never matched "attacked Ukraine").
                let words = slot.strip_prefix('?').unwrap_or(slot);
                assert!(
                    slot == "~"
                        || words
                            .split('|')
                            .all(|w| !w.is_empty() && !w.contains(['?', '~'])),
                    "{}: {slot:?}",
                    rule.id
                );
            }
        }
    }
}
