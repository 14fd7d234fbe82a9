"""Write the synthetic sample sessions in data/samples/ and data/samples_design.csv.

Every session below was written by the collab-nlp project for testing and teaching; none is a real
conversation and none is taken from a corpus. Run `python data/make_samples.py` from the project root to
rewrite the files (the output is deterministic). See data/README.md for what each session is meant to show.
"""
from __future__ import annotations
import csv, json, re
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "samples"
NOTE = "Synthetic session written by the collab-nlp project for testing and teaching; not a real conversation."

# Each session: (file, intended style, {code: speaker name}, dialogue as "code: text" lines)
SESSIONS = []

def session(file, intended, speakers, roles, dialogue):
    turns = []
    for line in dialogue.strip().splitlines():
        code, text = line.split(":", 1)
        turns.append((speakers[code.strip()], text.strip()))
    SESSIONS.append(dict(file=file, intended=intended, turns=turns, roles=roles))

# 1 -------------------------------------------------------------------------------------------------
session("peer_support_trauma.txt", "collaborative", {"P": "Peer supporter", "M": "Member"},
        {"Peer supporter": "clinician", "Member": "client"}, """
P: Hi Jess, thanks for coming along tonight. Before we start, is there anything that would help you feel more comfortable, like where you sit or having the door open?
M: Door open is good. I'm a bit on edge, to be honest.
P: That makes sense. It's a new room and a new person. We can go at whatever pace suits you, and you can stop at any point.
M: Okay. I don't really know what I'm supposed to say.
P: There's no supposed to. Would it help if I said a little about how these chats usually go, and then you decide what you'd like to use the time for?
M: Yeah, that would help.
P: I'm a peer supporter, so I'm not here as an expert on your life. I've been through some hard things myself, including a car crash a few years ago, and talking with people who got it helped me. Mostly I listen, and sometimes I share what worked for me if you want to hear it.
M: I didn't know you'd been in a crash.
P: I don't usually lead with it. I mention it because the weeks afterwards were rough, and I remember feeling like nobody understood why I couldn't just get back in a car.
M: That's it exactly. Everyone keeps saying it's been six months and I should be over it by now.
P: So on top of what happened, you're carrying other people's timelines for how you ought to feel.
M: Yeah. My dad always told me to suck it up when things went wrong. I can hear him saying it.
P: That's a heavy voice to have in your ear when you're already struggling. I'm not going to tell you to get over it. What has it been like for you, in your own words?
M: Loud. Any sudden noise and my heart goes. I don't sleep much. I've stopped taking the bus because of the brakes.
P: Your body is still on high alert, and it's shrinking the places you can go.
M: Pretty much. I used to go to the climbing wall twice a week. Haven't been since.
P: Climbing mattered to you.
M: It was the one place my head went quiet.
P: I hear that. What do you think about us looking at what you'd like to get back to, and what might make that a bit more possible? You're the one who knows what feels doable.
M: I'd like to get back to climbing. Maybe not the bus yet.
P: That sounds like a clear choice. What would a very first step towards the wall look like for you?
M: Maybe just going with my friend Ana and watching. Not even climbing.
P: Going along with Ana and just watching. How does that sit with you when you imagine it?
M: Nervous, but okay. She knows about the crash.
P: Having someone who knows beside you can make a big difference. When I started driving again, my sister sat in the passenger seat and we only went round the block. It felt silly, but it counted. Does anything like that fit for you, or is your situation different?
M: It's a bit different, but yeah, small is good. I keep thinking I should be doing more.
P: There's that should again. It sounds like part of you is pushing hard and part of you is exhausted.
M: Yeah. Both.
P: Both make sense. Some people find a grounding exercise useful when the alarm goes off, like naming five things you can see. I can show you one if you're interested, or we can leave it for another time.
M: Show me. I've tried breathing apps and they made it worse.
P: Thanks for telling me that, it's useful to know. This one is about noticing the room rather than the breath. Let's try it together and you tell me honestly if it's rubbish.
M: Okay. Five things. The blue chair, the window, your mug, the plant, the clock.
P: How was that?
M: Actually a bit better. My shoulders dropped.
P: Good to notice that. So far we've talked about the wall with Ana and this noticing trick. Have I got that right, and is there anything you'd like to add or change?
M: No, that's right. Maybe I'll text Ana tonight.
P: That's your call, and it sounds like a plan that's yours. What would you like from me between now and next week, if anything?
M: Maybe just check in on Thursday?
P: I'd be glad to. Thank you for trusting me with this tonight, Jess. It took courage to come.
""")

# 2 -------------------------------------------------------------------------------------------------
session("anxiety_lee_maya.vtt", "collaborative", {"L": "Dr. Lee", "M": "Maya"},
        {"Dr. Lee": "clinician", "Maya": "client"}, """
L: Hi Maya, good to see you again. How have the last two weeks been?
M: Up and down. The panic attacks are less often, but Monday was bad.
L: Less often overall, and Monday stood out. What would you like us to focus on today?
M: Monday, I think. I had to present at work and I nearly walked out.
L: Okay, let's start there. What happened in the lead-up?
M: I'd been dreading it all weekend. By Monday morning my chest was tight and I kept going to the bathroom.
L: So the anxiety started long before the presentation itself, and by the morning your body was already in alarm mode.
M: Yes. And then I thought everyone could see my hands shaking.
L: That fear of people noticing sounds like it made everything louder.
M: It did. My manager said it went fine, but I don't believe her.
L: Part of you heard that it went fine and part of you is sure it didn't.
M: Exactly. I replay every second.
L: Can I share something I've noticed across our sessions, and you tell me whether it fits?
M: Sure.
L: It seems like the hardest part often isn't the event, it's the days of dread before and the replaying after. Does that match your experience?
M: Yes, that's actually really true. The presentation was ten minutes. The worrying was three days.
L: Three days of worry for ten minutes of talking. What do you make of that?
M: That the worrying is the bigger problem. Which is annoying.
L: Annoying, and maybe useful too. There are a few directions we could take from here. We could work on the replaying afterwards, we could plan for the build-up before the next one, or we could look at the shaking in the moment. Which of those feels most important to you?
M: The build-up. There's another presentation in three weeks.
L: Let's work on that together then. When you think about the next three weeks, what usually happens first?
M: I start imagining it going wrong. Like a film.
L: What have you tried so far when the film starts?
M: Telling myself to stop it. It never works.
L: Trying to shove the thought away and it bounces straight back. That's a really common experience, and it isn't a sign you're doing it wrong.
M: That's a relief to hear, honestly.
L: One idea some people find helpful is setting a short worry time each day, fifteen minutes, where the film is allowed to play, and outside that time you note the worry and park it. I'm not sure it would suit you, so what's your reaction to it?
M: It sounds odd, but I'd try it. Maybe after dinner.
L: After dinner. What might get in the way?
M: My flatmate. She likes to chat in the evenings.
L: So you'd want a spot that's yours. Where could that be?
M: I could do it on my walk home instead. That's fifteen minutes anyway.
L: That's a creative solution, and it uses time you already have. You've really thought about what fits your life.
M: I suppose I have. I didn't expect that.
L: Before we finish, how has today's session been for you? Is there anything I could do differently?
M: It was good. Maybe next time we can look at the shaking too.
L: Let's put that first on the list for next time. Thanks, Maya.
""")

# 3 -------------------------------------------------------------------------------------------------
session("drinking_reflective.txt", "collaborative", {"T": "Therapist", "C": "Client"},
        {"Therapist": "clinician", "Client": "client"}, """
T: Thanks for coming in today. Your GP mentioned you might want to talk about drinking, but I'd rather hear from you what brings you here.
C: Yeah, she sort of pushed me. I don't think it's a massive problem, but my partner's been on at me.
T: So coming here was partly someone else's idea, and you're not sure how much of a problem it is.
C: Right. I have a few beers after work, maybe a bottle of wine at the weekend. It's how I switch off.
T: It helps you unwind after the day. What do you like about drinking?
C: It takes the edge off. Work's been mental since the restructure and I can't stop thinking about it otherwise.
T: Drinking gives you a break from the work stress that nothing else seems to give you right now.
C: Exactly. And I grew up with it, you know. My dad always told me to suck it up and have a pint.
T: So that's the way stress got handled at home: you didn't talk about it, you had a drink and carried on.
C: Pretty much. He never complained about anything.
T: I'm not going to tell you to get over it or to suck it up. I'm more interested in what you think. What are the less good things about drinking, if there are any?
C: I've been sleeping badly. And my partner says I get snappy. Last week I missed my daughter's swimming because I'd had a few and couldn't drive.
T: That sounds like it stung.
C: Yeah. She didn't say much, but I could tell she was gutted.
T: Being there for your daughter matters a lot to you.
C: It's the main thing. I don't want to be that dad.
T: You don't want to be the kind of dad who misses things.
C: No. Honestly, sometimes I think I need to stop drinking altogether. Then Friday comes round.
T: Part of you is thinking about stopping, and part of you really values the Friday drink. Both are there.
C: Yeah. It's a mess.
T: It sounds like you're weighing it up honestly, which isn't a mess at all. Would it be okay if I shared some information about how alcohol affects sleep? Only if it's useful to you.
C: Go on.
T: Alcohol helps people fall asleep faster, but it breaks up sleep in the second half of the night, so people often wake at three or four and feel rough the next day. How does that fit with what you've noticed?
C: That's me. Wide awake at four.
T: What do you make of that?
C: That the wine isn't actually helping me switch off. It's just moving the problem.
T: That's an important thing to notice. Where would you like to go from here? There's no right answer.
C: I don't want to go cold turkey. Maybe no drinking on school nights?
T: No drinking on school nights. What would make that doable for you?
C: If I went to the gym after work instead. I used to love it.
T: So you'd replace the thing that takes the edge off with something else you enjoy. How confident do you feel about trying it, from zero to ten?
C: Maybe a six.
T: A six is a fair bit. What makes it a six and not a three?
C: I've done it before. When my daughter was born I stopped for a year.
T: You've already shown you can make a big change when something matters to you.
C: Yeah, I suppose I have. I'd forgotten that.
T: How would you like to check in on how the school-night plan goes? We could meet again in two weeks, or you might prefer a call.
C: Two weeks here is fine.
T: Great. And let me know what you think of today, honestly. Was it useful?
C: It was. Less of a lecture than I expected.
""")

# 4 -------------------------------------------------------------------------------------------------
session("sleep_coaching.jsonl", "collaborative", {"K": "Counsellor", "C": "Client"},
        {"Counsellor": "clinician", "Client": "client"}, """
K: Welcome back. Last time you mentioned sleep was getting worse. Is that still what you'd like to talk about?
C: Yes. I'm averaging about four hours. I'm a zombie at work.
K: Four hours is very little. What does a typical night look like?
C: I go to bed around eleven, scroll my phone, and then I'm awake until two or three, thinking.
K: What sort of things go round in your head?
C: Money, mostly. And whether I locked the door. Stupid things.
K: Some of it's big, like money, and some of it feels small in daylight but huge at two a.m.
C: That's a good way of putting it.
K: What have you already tried?
C: Melatonin from the chemist. Camomile tea. A white noise app.
K: You've been working hard at this. Which of those, if any, made a difference?
C: The white noise a bit. The rest, no.
K: Would it be alright if I told you about a couple of approaches that research supports for this kind of sleeplessness? Then you can tell me what you think.
C: Sure.
K: One is keeping the bed for sleep only, so if you're awake for more than about twenty minutes you get up and do something quiet elsewhere. Another is a fixed wake-up time every day, even at weekends. Some people also write the worries down before bed. What are your thoughts on those?
C: The getting up one sounds awful. It's cold. But the writing down might work.
K: The worry list appeals and getting up doesn't, at least not yet. That's completely fair.
C: I suppose I could try the fixed wake-up time too. I'm up at seven on weekdays anyway.
K: So you'd keep seven at the weekend as well. How would that be?
C: Saturday would be tough. I like a lie-in.
K: The lie-in is a real pleasure you'd be giving up, at least for a while.
C: Yeah. But if it helps me sleep, maybe worth it.
K: You're weighing what you'd lose against what you'd gain. What about the phone in bed?
C: I know, I know. Everyone says don't.
K: You've heard that a lot, and I'm not going to add to the pile. What do you think the phone does for you at night?
C: It stops me thinking. But then I'm wired.
K: So it's a way of escaping the thoughts, and it ends up keeping you awake.
C: I could put it on charge in the kitchen and use the worry list instead.
K: That's a neat swap: the list does the job the phone was doing. How does that plan sound when you say it out loud?
C: Doable. Worry list at ten, phone in the kitchen, up at seven every day.
K: That's your plan in your own words. What might get in the way this week?
C: My partner works late on Wednesdays. I'll wait up for her.
K: Good to plan for that now. What would you like to do on Wednesdays?
C: Maybe just keep to the list, and let the wake-up be flexible that one day.
K: That sounds sensible. Shall we look at how it went next week, and adjust together if it needs changing?
C: Yes, let's do that.
""")

# 5 -------------------------------------------------------------------------------------------------
session("grief_counselling.docx", "collaborative", {"K": "Counsellor", "C": "Client"},
        {"Counsellor": "clinician", "Client": "client"}, """
K: How have things been since we last met?
C: Quiet. The house is very quiet without Mum.
K: The quiet is hard to get used to.
C: I keep expecting to hear the radio in the kitchen. She always had it on.
K: The radio was part of her being there.
C: Yes. My brother says I should clear her room out and move on, but I'm not ready.
K: Your brother has his own ideas about what you should do, and you feel you need more time.
C: It's only been four months. Is that normal? To still feel this bad?
K: Four months is not long at all. Grief doesn't keep to a schedule, and there's no right way to do it. What's it like for you to hear that?
C: A relief, I think. Everyone else seems to have moved on.
K: Do you want to tell me about the hardest times of day?
C: Evenings. That's when I used to ring her.
K: So the evening phone call was a ritual you shared, and now there's a gap at the same time every day.
C: Exactly. Seven o'clock. I still pick up the phone sometimes.
K: That sounds painful and also very loving.
C: I didn't think of it like that.
K: You were a good daughter to her, and it shows in how much you miss her.
C: Thank you. I wasn't always. We argued a lot near the end about the care home.
K: There's some guilt there about those arguments.
C: A lot of guilt. I made the decision, and she hated it.
K: You made a hard decision under a lot of pressure. Would you like to talk about that today, or would you rather leave it for another time?
C: Maybe a bit. Not all of it.
K: That's fine, we'll only go as far as you want. What part comes up most?
C: The last visit. She asked to come home and I said not yet.
K: You hoped there would be a later, and there wasn't.
C: Yeah. That's it.
K: I'd like to suggest something, but you're free to say no. Some people write a letter to the person they've lost, saying the things they didn't get to say. Does that sound like something that might help, or not for you?
C: I could try. I'm not much of a writer.
K: It doesn't need to be good writing. It's just for you. You could bring it here or keep it private, whichever you prefer.
C: Maybe I'll bring it. I don't know yet.
K: You can decide later. What about the evenings? Is there anything you'd like to do differently at seven o'clock?
C: Maybe ring my aunt. She misses Mum too.
K: That's a lovely idea, and it keeps some of the ritual. How does that feel?
C: Good, actually. Sad but good.
K: Sad but good. I think that's often what grieving feels like. Let's see how the week goes.
""")

# 6 -------------------------------------------------------------------------------------------------
session("smoking_nurse.csv", "mixed", {"N": "Nurse", "P": "Patient"},
        {"Nurse": "clinician", "Patient": "client"}, """
N: Right, so you're here for your asthma review. How's the breathing been?
P: Not great. I've been using the blue inhaler a lot more.
N: How many times a week?
P: Most days, sometimes twice.
N: That's more than we'd like. Are you still smoking?
P: Yeah. About fifteen a day.
N: Okay. The smoking is very likely making the asthma worse. You really should think about stopping.
P: I know. Everyone tells me.
N: It sounds like you've heard it plenty of times. Have you tried to stop before?
P: Twice. Patches once, and cold turkey once. Lasted about three weeks.
N: Three weeks is something. What made you start again?
P: My mum got ill and I was stressed out of my mind.
N: That's a really hard time to be quitting. Do you want to try again?
P: I don't know. Maybe. Not right now.
N: The thing is, your lungs won't wait. You need to take this seriously.
P: I am taking it seriously. It's just hard.
N: It is hard. Most people need a few attempts. What would be different this time?
P: I'd probably want the tablets. My friend used them.
N: We can do that. You'd need to set a quit date within two weeks of starting them.
P: Two weeks. That's quick.
N: That's how they work. Can you do the fourteenth?
P: I guess so.
N: You don't sound sure.
P: I've got my sister's wedding on the twentieth. Everyone will be smoking.
N: Okay, that's a real worry. What do you think would help at the wedding?
P: Maybe stay with my cousin. She doesn't smoke.
N: Good. And make sure you use your preventer inhaler every day, morning and night, not just the blue one.
P: I forget the brown one.
N: Keep it by your toothbrush. Any questions?
P: Will the tablets make me sick?
N: Some people get nausea, so take them with food. If it's bad, call us.
P: Okay.
N: I'll book you in with the stop smoking service. Are you happy with that?
P: Yeah, go on then.
""")

# 7 -------------------------------------------------------------------------------------------------
session("work_stress_coaching.srt", "mixed", {"C": "Coach", "D": "Client"},
        {"Coach": "clinician", "Client": "client"}, """
C: Let's get going. You said on the phone work is getting on top of you.
D: Yeah. I'm doing two jobs since Sarah left and they haven't replaced her.
C: Two jobs for one salary. How many hours are you doing?
D: Fifty, sometimes sixty.
C: That's too many. You need to talk to your manager this week.
D: I've tried. She just says everyone's stretched.
C: So you raised it and got brushed off.
D: Pretty much. And I don't want to look like I can't cope.
C: Looking capable matters to you at work.
D: It does. I've been there eight years. I'm the one people come to.
C: Okay. Well, you can't keep going like this. Are you sleeping?
D: Badly. I check emails in bed.
C: Stop doing that. Turn the notifications off after eight.
D: I could try. But if something kicks off and I miss it, it's on me.
C: What's the worst that would happen if you missed an email at night?
D: Probably nothing, honestly. It just feels like it would.
C: So the fear is bigger than the actual risk.
D: Yeah. When you put it like that.
C: Right. Have you thought about what you'd say to your manager?
D: Not really. I freeze in those conversations.
C: Write down three things you'd want her to take off your plate. Bring them next time.
D: Okay. Which three, though? It all feels urgent.
C: What would you pick if you had to?
D: The rota, the monthly report, and covering the front desk.
C: Those sound reasonable. The front desk one is the easiest to hand back.
D: You think so?
C: Definitely. It's not your job. Don't let them guilt you into it.
D: I'll mention that first then.
C: Good. And get some exercise in. Even a walk at lunch.
D: I never get lunch.
C: Then that's the first thing to fix. Lunch is not optional.
D: Fair enough. I'll try to take twenty minutes.
C: Good. Same time next week?
D: Yes, thanks.
""")

# 8 -------------------------------------------------------------------------------------------------
session("medication_review.json", "mixed", {"D": "Dr. Patel", "S": "Sam"},
        {"Dr. Patel": "clinician", "Sam": "client"}, """
D: Hello Sam, take a seat. This is your three-month review for the sertraline.
S: Hi. Yeah.
D: Are you taking it every day?
S: Mostly. I miss a few.
D: How many is a few?
S: Maybe two or three a week.
D: That's quite a lot. It won't work properly if you don't take it every day. You need to be consistent.
S: I know. I just don't like taking it.
D: Why not?
S: It makes me feel flat. Like I don't care about anything.
D: Flatness is a recognised side effect. It often settles. You have to give it time.
S: It's been three months.
D: Three months and it's still bothering you, so it's not just an early thing.
S: No. And I've put on weight.
D: How much?
S: About five kilos.
D: Okay. Are you exercising?
S: Not really.
D: You should be doing at least thirty minutes a day. That will help your mood as well.
S: I'll try.
D: And the low mood itself? Has it improved?
S: A bit. I'm not crying every day any more.
D: That's a real improvement. So it's helping in one way but costing you in others.
S: Yeah, that's it.
D: We could lower the dose, or switch to something else. But switching has its own risks.
S: What risks?
D: Withdrawal symptoms if you stop suddenly, and the new one may not work as well. Do not stop it on your own.
S: I wasn't going to.
D: Good. A lot of people do and end up feeling much worse.
S: Okay.
D: I think we keep the dose the same for now, and you take it every single day. If you're still flat in a month, we'll talk about changing.
S: Can I not try the lower dose?
D: Not yet. Let's get you taking it properly first.
S: Fine.
D: Book a follow-up for four weeks. Any questions?
S: No.
""")

# 9 -------------------------------------------------------------------------------------------------
session("anger_work_zoom.vtt", "directive", {"H": "Dr. Harris", "K": "Kevin"},
        {"Dr. Harris": "clinician", "Kevin": "client"}, """
H: Right, Kevin, can you hear me okay?
K: Yeah, I can hear you.
H: Good. Your employer referred you after the incident with your colleague. Tell me what happened.
K: He kept taking credit for my work, and I lost it. I shouted at him in front of everyone.
H: Did you threaten him?
K: No. I just shouted.
H: Your manager's report says you slammed a door and swore at him.
K: Okay, I swore. But he had it coming.
H: Nobody has it coming. You need to take responsibility for your behaviour.
K: I do. I'm just saying there's a reason.
H: There's always a reason. That's what everyone with an anger problem says.
K: I don't have an anger problem. I had one bad day.
H: You're in denial about this. This is the third complaint in two years.
K: The other two were nothing.
H: They weren't nothing to the people involved. If this happens again, you will lose your job.
K: I know that.
H: Do you? Because you don't seem to be taking it seriously.
K: I'm here, aren't I?
H: You're here because you have to be. Do you drink?
K: Socially.
H: How many units a week?
K: I don't know. Fifteen, twenty.
H: That's over the limit. Cut it down. Alcohol makes anger worse.
K: It's not the drink. It's him.
H: You can't control him. You can control you. When you feel yourself getting angry, walk away. Count to ten.
K: That sounds like something you'd tell a kid.
H: It works. Just do it.
K: Fine.
H: I also want you to keep an anger diary. Every time you feel angry, write down what happened and what you did.
K: Every time? I don't have time for that.
H: Make time. This is your job on the line.
K: Right.
H: Is there anything else?
K: No.
H: Same time in two weeks. Bring the diary.
""")

# 10 ------------------------------------------------------------------------------------------------
session("drinking_confrontational.tsv", "directive", {"T": "Therapist", "C": "Client"},
        {"Therapist": "clinician", "Client": "client"}, """
T: So, how much are you drinking?
C: I don't know, a few beers most nights.
T: How many is a few?
C: Four, maybe five.
T: That's twice the recommended limit. Every night. You realise that's a serious problem?
C: It doesn't feel like a problem. I'm not falling over or anything.
T: That's classic. People who drink like that always say they're fine. You're in denial.
C: I'm not in denial. I go to work, I pay my bills.
T: For now. Your liver tests from the GP are already raised. Keep this up and you'll end up with cirrhosis.
C: The GP said they were only a bit high.
T: A bit high is how it starts. You need to stop drinking completely.
C: Completely? That's not realistic. My mates all drink.
T: Then you need new mates.
C: That's a bit much.
T: I'm being honest with you. Nobody else will be.
C: My wife says I should cut down, not stop.
T: Your wife isn't the expert. Cutting down doesn't work for people like you.
C: People like me?
T: Heavy drinkers. You'll just drift back up.
C: I cut down last year for a bit.
T: And it didn't last, did it?
C: No.
T: There you go. Right, so no alcohol in the house. Pour out what you've got tonight.
C: My wife drinks wine. It's her wine too.
T: Then she'll have to support you. Tell her tonight.
C: I don't think she'll like that.
T: That's not my problem. You need to put your health first.
C: Okay.
T: And go to an AA meeting this week. There's one on Tuesday at the church hall.
C: I'm not really a meetings person.
T: You don't have to like it. Just go.
C: I'll think about it.
T: Don't think about it, do it. Have you got any questions?
C: No.
T: Right. Same time next week, and I want to hear you've been to that meeting.
""")

# 11 ------------------------------------------------------------------------------------------------
session("anxiety_suck_it_up.txt", "directive", {"T": "T", "C": "C"},
        {"T": "clinician", "C": "client"}, """
T: Okay, you said on the form you've been having panic attacks.
C: Yeah. Mostly on the train to work. My heart races and I feel like I'm going to pass out.
T: Have you been checked by a doctor?
C: Yes, they said my heart's fine.
T: Right, so there's nothing physically wrong. It's just anxiety.
C: It doesn't feel like just anything. It's terrifying.
T: It feels terrifying, but it can't hurt you. You just need to suck it up and keep getting on the train.
C: I've been getting off at the next stop and walking.
T: Well, stop doing that. Avoiding it makes it worse.
C: But I feel like I'm going to collapse.
T: You won't collapse. Nobody collapses from a panic attack. Grin and bear it.
C: Easy for you to say.
T: Look, lots of people have far worse problems than a bit of panic on a train. You need to get some perspective.
C: I know other people have it worse. That doesn't make it go away.
T: Are you drinking coffee?
C: Two or three cups in the morning.
T: Cut out the coffee completely. It's a stimulant.
C: I need it to wake up.
T: You don't need it. It's a habit. And you should be exercising every day.
C: I go running at weekends.
T: That's not enough. Every day.
C: Okay.
T: Are you sleeping?
C: Not well.
T: No screens after nine. Go to bed at the same time. It's simple.
C: I've tried that.
T: Try harder. You're overthinking everything, that's your problem.
C: Maybe. I've always been a worrier.
T: Then stop worrying. It doesn't achieve anything.
C: If I could just stop, I wouldn't be here.
T: You're making excuses. Get back on the train tomorrow and stay on it all the way.
C: What if I panic?
T: Then you panic. Stay put until it passes. Don't get off.
C: Fine.
T: Come back in two weeks and tell me you've done it every day.
""")

# 12 ------------------------------------------------------------------------------------------------
session("pain_medication_intake", "directive", {"D": "Doctor", "P": "Patient"},
        {"Doctor": "clinician", "Patient": "client"}, """
D: Sit down. You're here about your back?
P: Yes. It's been bad for three months and the co-codamol isn't touching it.
D: How many are you taking?
P: Eight a day, sometimes more when it flares.
D: More than eight? That's over the maximum. You can't do that.
P: I didn't know. It's just when it's really bad.
D: It says on the box. Read the label.
P: Okay. But what do I do when it's bad?
D: You take the dose prescribed and no more. Codeine is addictive. You're heading for a dependency.
P: I'm not addicted. I just want the pain to stop.
D: That's what addiction looks like. I'm not giving you anything stronger.
P: I wasn't asking for anything stronger. I was hoping for physio.
D: Are you doing the exercises from the leaflet?
P: Some of them. They hurt.
D: They're supposed to hurt a bit. Do them every day.
P: Even when it's flaring?
D: Yes. Bed rest is the worst thing for backs. Stay active.
P: I'm on my feet all day at work. That's part of the problem.
D: What's your job?
P: I'm a care assistant. Lots of lifting.
D: Then use the hoist and lift properly. Bend your knees.
P: We don't always have time for the hoist.
D: Make time. It's your back.
P: It's not that simple when you're short-staffed.
D: That's between you and your employer. You need to lose some weight as well, that will take pressure off your spine.
P: I've been trying.
D: Try harder. Cut out sugar and takeaways.
P: Can I get a referral for physio?
D: The waiting list is six months. Do the exercises first.
P: Six months?
D: That's the system. Stop taking more than eight tablets a day and come back in a month.
P: And if it's not better?
D: Then we'll see. Don't go to A and E with it, they won't do anything.
P: Okay.
D: Next patient, please.
""")

# ---------------------------------------------------------------------------------------------------
def timeline(turns, start=4.0):
    "Plausible start/end seconds: about 2.6 words a second plus a short pause between turns."
    out, t = [], start
    for spk, text in turns:
        dur = round(max(1.2, len(text.split()) / 2.6), 1)
        out.append((spk, text, round(t, 1), round(t + dur, 1)))
        t += dur + 0.8
    return out

def clock(s, sep="."):
    h, m, sec = int(s // 3600), int(s % 3600 // 60), s % 60
    whole = int(sec); ms = int(round((sec - whole) * 1000))
    return f"{h:02d}:{m:02d}:{whole:02d}{sep}{ms:03d}"

def chunks(text, n=14):
    "Caption-sized pieces: sentences grouped up to about n words, as captioning tools cut them."
    parts, cur = [], []
    for sent in re.split(r"(?<=[.?!,])\s+", text):
        if cur and len(" ".join(cur + [sent]).split()) > n: parts.append(" ".join(cur)); cur = []
        cur.append(sent)
    if cur: parts.append(" ".join(cur))
    return parts

def cues(timed):
    "Split each turn into caption cues with times spread over the turn."
    out = []
    for spk, text, a, b in timed:
        pieces = chunks(text)
        words = [len(p.split()) for p in pieces]
        t = a
        for i, (p, w) in enumerate(zip(pieces, words)):
            e = b if i == len(pieces) - 1 else round(t + (b - a) * w / sum(words), 1)
            out.append((spk, p, t, e, i == 0))
            t = e
    return out

def write_txt(s, path, stamp=None, header=""):
    lines = [f"# {NOTE}", f"# {header}".rstrip()] if header else [f"# {NOTE}"]
    lines.append("")
    for spk, text, a, _ in timeline(s["turns"]):
        ts = "" if stamp is None else stamp(a)
        lines.append(f"{ts}{spk}: {text}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

def write(s):
    f, turns = s["file"], s["turns"]
    path = OUT / f
    if f == "peer_support_trauma.txt":
        # a long turn wrapped over two lines, and blank lines between turns, as people type them
        lines = [f"# {NOTE}", "# Peer support session: trauma-informed, after a road accident.", ""]
        for spk, text in turns:
            if len(text) > 200:
                cut = text.index(". ", 120) + 1
                lines += [f"{spk}: {text[:cut]}", text[cut:].strip()]
            else: lines.append(f"{spk}: {text}")
            lines.append("")
        path.write_text("\n".join(lines), encoding="utf-8")
    elif f == "drinking_reflective.txt":
        write_txt(s, path, stamp=lambda a: f"[{clock(a)[:8]}] ")
    elif f == "anxiety_suck_it_up.txt":
        write_txt(s, path, stamp=lambda a: f"[{int(a // 60):02d}:{int(a % 60):02d}] ")
    elif f == "pain_medication_intake":
        write_txt(s, path)
    elif f.endswith((".csv", ".tsv")):
        sep = "," if f.endswith(".csv") else "\t"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            fh.write(f"# {NOTE}\n")
            w = csv.writer(fh, delimiter=sep, lineterminator="\n")
            if sep == ",":
                w.writerow(["speaker", "text", "start", "end"])
                for spk, text, a, b in timeline(turns): w.writerow([spk, text, a, b])
            else:
                w.writerow(["Interlocutor", "Utterance", "Timestamp"])
                for spk, text, a, _ in timeline(turns): w.writerow([spk, text, clock(a)[:8]])
    elif f.endswith(".jsonl"):
        rows = [{"note": NOTE, "session_id": Path(f).stem}] + [{"speaker": spk, "text": text} for spk, text in turns]
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    elif f.endswith(".json"):
        obj = {"session_id": Path(f).stem, "note": NOTE, "roles": s["roles"],
               "turns": [{"speaker": spk, "text": text} for spk, text in turns]}
        path.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    elif f == "anxiety_lee_maya.vtt":  # Microsoft Teams style: GUID-like cue ids and <v> voice tags
        out = ["WEBVTT", "", f"NOTE {NOTE}", ""]
        for i, (spk, text, a, b, _) in enumerate(cues(timeline(turns)), 1):
            out += [f"5b7f0c1e-9a2d-4c8e-b3f1-{i:012d}/{i % 7}-0", f"{clock(a)} --> {clock(b)}", f"<v {spk}>{text}</v>", ""]
        path.write_text("\n".join(out), encoding="utf-8")
    elif f == "anger_work_zoom.vtt":  # Zoom style: numbered cues, 'Name: text' in every cue
        out = ["WEBVTT", "", f"NOTE {NOTE}", ""]
        for i, (spk, text, a, b, _) in enumerate(cues(timeline(turns)), 1):
            out += [str(i), f"{clock(a)} --> {clock(b)}", f"{spk}: {text}", ""]
        path.write_text("\n".join(out), encoding="utf-8")
    elif f.endswith(".srt"):  # speaker named on a turn's first cue only, as many subtitle editors do
        out = []
        for i, (spk, text, a, b, first) in enumerate(cues(timeline(turns)), 1):
            out += [str(i), f"{clock(a, ',')} --> {clock(b, ',')}", f"{spk}: {text}" if first else text, ""]
        path.write_text("\n".join(out), encoding="utf-8")
    elif f.endswith(".docx"):
        import docx
        d = docx.Document()
        d.core_properties.comments = NOTE
        d.core_properties.title = "Grief counselling session (synthetic)"
        d.add_heading("Grief counselling session", level=1)
        d.add_paragraph(f"# {NOTE}")
        for spk, text in turns: d.add_paragraph(f"{spk}: {text}")
        d.save(path)
    else: raise ValueError(f)

def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rank = {"collaborative": 0, "mixed": 1, "directive": 2}
    assert [rank[s["intended"]] for s in SESSIONS] == sorted(rank[s["intended"]] for s in SESSIONS)
    rows = []
    for i, s in enumerate(SESSIONS, 1):
        assert 25 <= len(s["turns"]) <= 45, (s["file"], len(s["turns"]))
        write(s)
        ext = Path(s["file"]).suffix.lstrip(".") or "text"
        rows.append({"file": s["file"], "session_id": Path(s["file"]).stem,
                     "format": {"txt": "text", "vtt": "vtt"}.get(ext, ext), "intended": s["intended"], "design_rank": i,
                     "roles": ";".join(f"{k}={v}" for k, v in s["roles"].items())})
    with open(HERE / "samples_design.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader(); w.writerows(rows)
    print(f"wrote {len(rows)} sessions to {OUT}")

if __name__ == "__main__":
    main()
