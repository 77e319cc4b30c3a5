# convenor's sentences in English. The English announcement and plain
# words are convenor-core's own (convenor_core::words); these messages
# are the fallback of every other language and the model each file
# follows: same ids, same arguments. Dates, times, weekday, month and
# zone names are not here: they come from CLDR (ICU4X).

## Announcements

# A meeting's line: "Saturday: 7:00 Pacific Time".
line-weekly = { $day }: { $when }
# A time and the zone's name.
time-in-zone = { $time } { $zone }
# The time elsewhere on another weekday: "1:00 AM (Monday) British Time".
elsewhere-day = { $time } ({ $day }) { $zone }
# Where the time elsewhere changes with the clocks: "12:00 PM from March 14".
shift = { $time } from { $date }
# The same, on another weekday there.
shift-day = { $time } ({ $day }) from { $date }
starts = Starts { $date }
ends = Ends { $date }
join = Join
phone = Phone
join-online = Join online

## A meeting's rule

# $day is the weekday's name, $weekday its English code (sun ... sat)
# for languages whose words agree with the day's gender.
rule-weekly = { $day }s at { $when }
rule-every = every { $weeks } weeks on { $day } at { $when }
rule-monthly-weekday = the { $nth ->
    [first] first
    [second] second
    [third] third
    [fourth] fourth
    [fifth] fifth
   *[last] last
} { $day } of each month at { $when }
rule-pattern = { $frequency ->
    [daily] on a daily pattern
    [weekly] on a weekly pattern
    [yearly] on a yearly pattern
   *[monthly] on a monthly pattern
} at { $when } (the calendar lists the dates)

## What a change does

change-reschedule = from { $date }, { $after } instead of { $before }
change-cancel = no meeting on { $date }
change-move = the { $date } session moves to { $to }
change-extra = an extra session on { $at }
change-end = no more sessions from { $date }
minutes-long = { $minutes ->
    [one] , { $minutes } minute long
   *[other] , { $minutes } minutes long
}
# `changes` when there is none.
no-changes = no changes
announced = announced { $date }
# A date and time with the zone's name.
date-at-time = { $date } at { $time } { $zone }

## The schedule page

# The language's own name, in the page's language menu.
language-name = English
page-language = Language
page-times-shown = Times are shown in
page-nojs = Turn on JavaScript to see them in your own time zone.
page-zone-field = Show times in time zone
page-show = Show
page-my-zone = My time zone
page-next = Next sessions
page-next-weeks = The next { $weeks } weeks from { $date }. Each meeting's own time is in brackets.
page-in-progress = In progress
page-first = First session
page-add = Add to my calendar
page-no-sessions = No sessions in these weeks.
page-more = And { $more } more sessions in these weeks: subscribe below to see them all.
page-every-week = Every week
page-groups = Groups
page-subscribe-heading = Add to your calendar
page-subscribe-text = A subscription keeps itself up to date when the schedule changes.
page-subscribe = Subscribe to { $name }
page-all-meetings = all meetings
page-address = address to copy
page-published = Published { $stamp } by convenor.
page-not-understood = Did not understand the time zone “{ $text }”. Try a city or a name such as Europe/London.
page-showing = Showing { $zone }.
page-cancelled = No meeting on { $date }
page-moved = Moved from { $date }
page-extra = Extra session
# The page's filters: what a member can narrow the list of sessions to.
page-filters = Filter sessions
page-filter-day = Day
page-filter-mode = Online or in person
page-filter-online = Online
page-filter-in-person = In person
page-filter-tags = Tags (sessions with all the tags checked)
page-filter-group = Group
page-filter-all-groups = All groups
page-filter-reset = Show all
# How many of the listed sessions the filters leave, said to screen
# readers as it changes: "12 of 40 sessions shown". The page's script
# chooses the form for $shown with the browser's plural rules: each
# form may change with $shown and with $total.
page-filter-count = { $shown } of { $total ->
    [one] { $total } session
   *[other] { $total } sessions
} shown
page-filter-none = No sessions match these filters.
# On a site's page, with a group chosen: the link to the group's page.
page-group-page = All sessions of { $group }, on the group's own page
# A site's page over its cap: the groups' pages list the rest.
page-more-site = And { $more } more sessions in these weeks: each group's page lists all of its own, or subscribe below to see them all.

## Rules by their recurrence (every pattern words::Recurrence has words
## for), and the sentences of the feeds (words::Phrase): Meeting Guide
## notes, calendar descriptions and reminders. English output is the
## core's own; these are the model of each language's.

# A list as CLDR's list patterns write it: "Monday, Wednesday and Friday".
list-comma = { $first }, { $rest }
list-and = { $first } and { $last }
rule-daily = { $days ->
    [1] every day
   *[other] every { $days } days
} at { $when }
# $days is a list of weekday names, $weekday the first one's code.
rule-weekly-days = { $weeks ->
    [1] every week on { $days }
   *[other] every { $weeks } weeks on { $days }
} at { $when }
# Which of a month's weekdays; $weekday for languages whose words agree
# with the day's gender; with $full "yes", the words with the day's name
# $day, as some languages' rule-monthly-nth lists them.
nth-weekday = { $nth ->
    [first] first
    [second] second
    [third] third
    [fourth] fourth
    [fifth] fifth
    [second-last] second to last
    [third-last] third to last
    [fourth-last] fourth to last
    [fifth-last] fifth to last
   *[last] last
}
# $which is a list of nth-weekday. $from-end is "yes" when one of them
# is counted far from the month's end (the fourth or fifth to last), for
# languages that then say "the fourth Saturday counting from the end":
# $which-full lists each with its day (nth-weekday with $full "yes").
rule-monthly-nth = { $months ->
    [1] the { $which } { $day } of each month
   *[other] every { $months } months on the { $which } { $day }
} at { $when }
day-of-month = { NUMBER($day, type: "ordinal") ->
    [one] { $day }st
    [two] { $day }nd
    [few] { $day }rd
   *[other] { $day }th
}
# A day counted from the month's end; $n is the count for nth-last.
last-day-of-month = { $nth ->
    [second-last] second to last day
    [third-last] third to last day
    [fourth-last] fourth to last day
    [fifth-last] fifth to last day
    [nth-last] { NUMBER($n, type: "ordinal") ->
        [one] { $n }st
        [two] { $n }nd
        [few] { $n }rd
       *[other] { $n }th
    } to last day
   *[last] last day
}
# $nth is a day-of-month or last-day-of-month.
rule-monthly-day = { $months ->
    [1] the { $nth } of each month
   *[other] every { $months } months on the { $nth }
} at { $when }
# $date is the month and day.
rule-yearly = every year on { $date } at { $when }
# $date has the weekday, $plain not; $weekday is its code (sun ... sat).
notes-starts = Starts { $date }
notes-every-weeks = Every { $weeks } weeks, not every week; next: { $dates }
notes-no-meetings-after = No meetings after { $date }
notes-ends-next-day = Ends at { $time } { $zone }, the next day
# A change as a line of notes, its date first: $date with its weekday
# (and its year only half a year or more away), $plain without the
# weekday, $weekday its code; notes-back-on's $date is the next session.
notes-cancel = { $date }: no meeting
notes-back-on = { $text }, back on { $date }
notes-move = { $date }: moves to { $to }
notes-extra = { $date }: an extra session at { $when }
notes-reschedule = From { $date }: { $after } instead of { $before }
notes-end = From { $date }: no more sessions
notes-with-note = { $text } ({ $note })
ical-convenors = Convenors: { $names }
ical-join = Join: { $url }
ical-phone = Phone: { $phone }
ical-tags = Tags: { $tags }
# $before is reminder-hours, reminder-minutes or both.
reminder = { $name } starts in { $before }
reminder-link = { $name } starts in { $before }: { $url }
reminder-hours = { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
}
reminder-minutes = { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}
reminder-hours-minutes = { $hours } { $minutes }
# The title of changes.atom.
atom-changes = { $name }: changes
