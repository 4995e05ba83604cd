"""What a result means: the words shown for each style, stress pattern, level and combination.

Plain data, written for this app; the templates only lay it out.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Profile:
    """The result page shows the first four fields; the action report shows the rest."""

    summary: Promise
    under_stress: tuple[Promise, ...]
    needs: tuple[Promise, ...]
    sentences: tuple[Promise, ...]
    practices: tuple[Promise, ...]
    phrases: tuple[Promise, ...]
    ask_partner: tuple[Promise, ...]
    program_step: Promise


PROFILES = {
    "secure": Profile(
        summary=_(
            "You can usually move between closeness and time for yourself without much alarm. "
            "A partner's absence feels temporary, not like a verdict on you."
        ),
        under_stress=(
            _("You say what is wrong fairly directly and expect to be heard."),
            _("You can wait for a partner who needs a moment, without assuming the worst."),
            _("Under heavy strain you may still slip into worrying or shutting down for a while."),
        ),
        needs=(
            _("A partner who answers honestly, even when the answer is “not now”."),
            _("Room for both closeness and your own life."),
        ),
        sentences=(
            _("I can see this matters to you. Tell me more."),
            _("I need an hour to myself, then I'm all yours."),
        ),
        practices=(
            _(
                "Name your own need out loud even when it seems small: it shows your partner "
                "that needs are welcome here."
            ),
            _(
                "When your partner is anxious or distant, offer a calm presence first and "
                "solutions later."
            ),
            _("Once a month, ask each other what helped you feel close and what did not."),
        ),
        phrases=(
            _("I'm not going anywhere. Let's take this slowly."),
            _("What would help you most right now: talking, or just being together?"),
            _("I'd like to try something new with you. Can we talk about it first?"),
        ),
        ask_partner=(
            _("Tell me early when something feels off, even if you are not sure why."),
            _("Let me know when you need space, and when you will be back."),
        ),
        program_step=_(
            "Phase 5, maintenance: the weekly check-in keeps what already works in good shape."
        ),
    ),
    "anxious": Profile(
        summary=_(
            "Closeness matters a great deal to you, and signs of distance can set off an alarm: "
            "you wonder whether you are still wanted and work hard to get reassurance."
        ),
        under_stress=(
            _("You reach for contact: more messages, more questions, wanting to settle it now."),
            _("You read silence or a slow reply as a sign that something is wrong."),
            _("After intimacy you may need clear signs that the bond is still there."),
        ),
        needs=(
            _("Predictable signs of connection: a reply, a touch, a word that says “we're okay”."),
            _("To hear when your partner will come back after they take space."),
            _("Help to calm your own body before the conversation, not only after it."),
        ),
        sentences=(
            _("I'm feeling unsure right now. Could you tell me we're okay?"),
            _("I'd like to try a short check-in before we go to sleep."),
            _("Before we fix anything, I would like to hear what it was like for you."),
        ),
        practices=(
            _(
                "When the alarm rises, name it to yourself first (“my worry is loud right now”) "
                "and breathe out slowly for a minute before you write or speak."
            ),
            _("Ask for one specific thing instead of asking many times in general."),
            _(
                "Keep a short list of moments that showed your partner cares; read it when the "
                "worry says otherwise."
            ),
            _("Practise letting a gap happen: wait ten minutes before a second message."),
        ),
        phrases=(
            _("I notice I'm worried. It's not your fault, and I'd like your help with it."),
            _("Can we agree on a sign you give me when you need space, so I know you'll be back?"),
            _("I'd like to try lying close for a few minutes afterwards."),
        ),
        ask_partner=(
            _("When you need space, tell me when you'll be back, and then come back."),
            _("A short message during a long day, even one word, helps me a lot."),
            _("After we've been intimate, stay close for a few minutes before you get up."),
        ),
        program_step=_(
            "Phase 1, self-monitoring (days 1–7): noticing when your security drops, and what "
            "set it off, is where change starts for you."
        ),
    ),
    "avoidant": Profile(
        summary=_(
            "Independence feels safe to you, and too much closeness or emotional talk can feel "
            "like pressure: you tend to handle things on your own."
        ),
        under_stress=(
            _("You go quiet, get busy, or leave the room to calm down."),
            _("You may downplay the problem or your own feelings about it."),
            _("After intimacy you may want to get up and get back to your own things."),
        ),
        needs=(
            _("Space that is respected, without being read as rejection."),
            _("Conversations with a clear shape: a start, a topic, an end."),
            _("To know that saying what you feel will not be used against you."),
        ),
        sentences=(
            _("I need twenty minutes to think. I'll come back to this."),
            _("This is hard for me to say, but I want you to know it."),
        ),
        practices=(
            _("Before you take space, say when you will be back, and keep that promise."),
            _("Share one feeling a day, however small: “I was tired today”, “that made me glad”."),
            _("Notice the urge to pull away and stay one minute longer than you would."),
        ),
        phrases=(
            _("I'm not leaving you, I'm taking a break. I'll be back at eight."),
            _("I care about this. I just need a moment to find my words."),
            _(
                "I'd like to try staying close for three minutes afterwards, then have some time "
                "to myself."
            ),
        ),
        ask_partner=(
            _("When I take a pause, trust that I'll come back, and let me have it."),
            _("Raise hard topics at a calm time, not in the middle of a tense moment."),
            _("Tell me one concrete thing you need instead of many things at once."),
        ),
        program_step=_(
            "Phase 2, the needs dialogue (days 8–14): saying “I'm afraid of …, I need …” in a "
            "safe structure is the step that helps you most."
        ),
    ),
    "fearful": Profile(
        summary=_(
            "You long for closeness and fear it at the same time: you may reach out, then pull "
            "back when it gets close, and feel torn between the two."
        ),
        under_stress=(
            _("You may swing between pursuing your partner and shutting them out."),
            _("Closeness can feel both wanted and threatening, sometimes within minutes."),
            _("You may expect to be hurt and protect yourself before it happens."),
        ),
        needs=(
            _("Steadiness: a partner who stays calm and predictable when you swing."),
            _("Permission to go slowly, with small steps you choose yourself."),
            _("Support beyond the couple: a therapist can help a great deal with this pattern."),
        ),
        sentences=(
            _("Part of me wants to come closer and part of me wants to run. Both are true."),
            _("I need us to slow down. I'm not going away."),
        ),
        practices=(
            _("Notice which side is louder right now, the longing or the fear, and name it."),
            _("Agree on small, repeatable rituals of connection so closeness becomes predictable."),
            _("Consider working with a therapist; this pattern often eases with support."),
        ),
        phrases=(
            _("I'm getting overwhelmed. Can we pause for twenty minutes and then try again?"),
            _("When I pull away, it's fear talking, not a lack of love."),
            _("I'd like to try taking this one small step at a time."),
        ),
        ask_partner=(
            _("Stay calm and steady when I swing; don't chase and don't leave."),
            _("Ask before moving closer, and accept a “not yet” without taking it personally."),
        ),
        program_step=_(
            "Phase 3, the agreement (days 15–21): a written signal and pause rule make closeness "
            "predictable enough to feel safe."
        ),
    ),
}


@dataclass(frozen=True)
class Pattern:
    label: Promise
    meaning: Promise
    about: Promise | None = None  # the label about someone else: "%(name)s withdraws …"

    def said_of(self, name: str) -> str:
        """The label for a reader who is not the person: their partner, their therapist."""
        return (self.about or self.label) % {"name": name}


STRESS_PATTERNS = {
    "pursue": Pattern(
        label=_("You pursue under stress"),
        about=_("%(name)s pursues under stress"),
        meaning=_(
            "When things are tense you move toward your partner to settle it. That energy is a "
            "wish for connection; it helps when it comes as one clear request, not many."
        ),
    ),
    "withdraw": Pattern(
        label=_("You withdraw under stress"),
        about=_("%(name)s withdraws under stress"),
        meaning=_(
            "When things are tense you step back to calm down. That can protect the "
            "relationship, as long as you say when you will come back, and do."
        ),
    ),
    "both": Pattern(
        label=_("You pursue and withdraw by turns"),
        about=_("%(name)s pursues and withdraws by turns"),
        meaning=_(
            "Under stress you sometimes push to talk and sometimes shut down. Noticing which "
            "one is happening is the first step; a shared pause rule helps with both."
        ),
    ),
}

LEVELS = {
    "facts": Pattern(
        label=_("Level 1: facts"),
        meaning=_(
            "You talk about health and safety. A next step: share one preference, at a calm "
            "moment away from the bedroom."
        ),
    ),
    "preferences": Pattern(
        label=_("Level 2: preferences"),
        meaning=_(
            "You talk about likes and dislikes, like most couples. A next step: say how you "
            "feel during or after being close, not only what you like."
        ),
    ),
    "emotions": Pattern(
        label=_("Level 3: emotions"),
        meaning=_(
            "You share what you feel when you are intimate. A next step: talk about what your "
            "sex life means to each of you."
        ),
    ),
    "meaning": Pattern(
        label=_("Level 4: meaning"),
        meaning=_(
            "You can talk about what your sex life stands for between you. Keep the habit alive "
            "with regular conversations outside intimate moments."
        ),
    ),
}


@dataclass(frozen=True)
class Combination:
    title: Promise
    dynamic: Promise
    agreement: Promise
    together: Promise


COMBINATIONS = {
    frozenset({"anxious", "avoidant"}): Combination(
        title=_("Anxious and avoidant: the pursue-withdraw cycle"),
        dynamic=_(
            "One of you reaches for closeness when worried; the other steps back when pressed. "
            "Each move sets off the other: the more one pursues, the more the other withdraws, "
            "and the more the other withdraws, the more the first pursues."
        ),
        agreement=_(
            "Make an agreement that meets both needs at once. For example: after a close moment, "
            "stay together quietly for a few minutes, then the one who needs space gets an hour "
            "alone, and says when they will be back."
        ),
        together=_(
            "Name the cycle, not each other: “the cycle is back” is easier to hear than "
            "“you always”."
        ),
    ),
    frozenset({"anxious"}): Combination(
        title=_("Both anxious: facing it as a team"),
        dynamic=_(
            "You both want closeness and both feel the alarm when it seems at risk. Worry can "
            "spread from one to the other, so that neither is calm enough to reassure."
        ),
        agreement=_(
            "Agree on a shared signal for “I'm worried”, and a turn-taking rule: whoever is "
            "calmer at that moment comforts first."
        ),
        together=_(
            "Treat the worry as a shared opponent, not a fault in either of you: sit side by "
            "side and calm down together before you talk."
        ),
    ),
    frozenset({"avoidant"}): Combination(
        title=_("Both avoidant: closeness by choice"),
        dynamic=_(
            "You both value independence and can live side by side peacefully, but hard topics "
            "may never be raised, and distance can grow without anyone noticing."
        ),
        agreement=_(
            "Agree on a short, regular time to check in, with a fixed end, so that closeness "
            "does not depend on a crisis."
        ),
        together=_("Take turns naming one feeling each week; keep it small and keep it regular."),
    ),
    frozenset({"secure"}): Combination(
        title=_("Both secure: a steady base"),
        dynamic=_(
            "You both tend to move between closeness and independence with ease. Stress can "
            "still push either of you toward worry or distance for a while."
        ),
        agreement=_(
            "Agree on how you will notice when one of you is under strain, and what helps then."
        ),
        together=_(
            "Keep investing in small daily moments of connection; they carry you through "
            "harder times."
        ),
    ),
    frozenset({"fearful"}): Combination(
        title=_("Both fearful-avoidant: slow and steady"),
        dynamic=_(
            "You both long for closeness and fear it. You may approach and retreat in turn, so "
            "that it is hard to tell who is pursuing and who is withdrawing."
        ),
        agreement=_(
            "Agree on a pause rule (at most an hour, then come back) and on one small ritual of "
            "connection you keep whatever happens."
        ),
        together=_(
            "Go slowly and consider support from a therapist; you do not have to sort this out "
            "alone."
        ),
    ),
    frozenset({"secure", "anxious"}): Combination(
        title=_("Secure and anxious: reassurance that lasts"),
        dynamic=_(
            "One of you feels the alarm of distance more often; the other can usually stay "
            "calm. Reassurance helps, though it can start to feel endless."
        ),
        agreement=_(
            "Agree on reliable signs of connection (a message at midday, a word before sleep), "
            "so reassurance is built in rather than asked for each time."
        ),
        together=_("The calmer one offers presence; the worried one names the worry early."),
    ),
    frozenset({"secure", "avoidant"}): Combination(
        title=_("Secure and avoidant: room and return"),
        dynamic=_(
            "One of you takes space under stress; the other can usually wait. Distance can "
            "still grow if the return never comes."
        ),
        agreement=_(
            "Agree that taking space is fine when it comes with a time to return, and keep to it."
        ),
        together=_("Raise hard topics at calm times, with a clear start and end."),
    ),
    frozenset({"secure", "fearful"}): Combination(
        title=_("Secure and fearful-avoidant: a steady partner"),
        dynamic=_(
            "One of you swings between longing and fear; the other tends to stay steady. That "
            "steadiness helps, though it can be tiring to hold."
        ),
        agreement=_(
            "Agree on a signal for “I'm overwhelmed” and a pause rule, so a swing never means "
            "the end of the conversation."
        ),
        together=_("The steadier one looks after their own needs too; support from outside helps."),
    ),
    frozenset({"anxious", "fearful"}): Combination(
        title=_("Anxious and fearful-avoidant: two alarms"),
        dynamic=_(
            "Both of you feel the alarm when closeness seems at risk, but one reaches out while "
            "the other may reach out and then pull back."
        ),
        agreement=_(
            "Agree on a pause of at most an hour, with a clear return, and a way to ask for "
            "reassurance that the other can say yes to."
        ),
        together=_("Calm your bodies first, then talk; take it in small steps."),
    ),
    frozenset({"avoidant", "fearful"}): Combination(
        title=_("Avoidant and fearful-avoidant: distance with longing"),
        dynamic=_(
            "Both of you may step back under stress, while one of you also longs to be close. "
            "Distance can feel safe to one and lonely to the other."
        ),
        agreement=_(
            "Agree on regular, short times of connection with a clear end, and a signal for "
            "when one of you wants more."
        ),
        together=_("Share one feeling each at a fixed time; keep it brief and keep it going."),
    ),
}


def combination(first_style: str, second_style: str) -> Combination:
    return COMBINATIONS[frozenset({first_style, second_style})]
