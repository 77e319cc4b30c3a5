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
rule-rrule = { $rule } at { $when }

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
announced = announced { $date }
# A date and time with the zone's name.
date-at-time = { $date } at { $time } { $zone }
