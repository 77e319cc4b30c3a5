# Termes de la littérature de rétablissement et de TSML UI : « réunion ».

## Annonces

line-weekly = { $day } : { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
starts = Commence le { $date }
ends = Se termine le { $date }
join = Rejoindre
phone = Téléphone
join-online = Rejoindre en ligne

## La règle d’une réunion

rule-weekly = chaque { $day } à { $when }
rule-every = toutes les { $weeks } semaines, le { $day } à { $when }
rule-rrule = { $rule } à { $when }

## Ce que fait un changement

change-reschedule = à partir du { $date }, { $after } au lieu de { $before }
change-cancel = pas de réunion le { $date }
change-move = la réunion du { $date } est déplacée au { $to }
change-extra = une réunion supplémentaire le { $at }
change-end = plus de réunions à partir du { $date }
minutes-long = { $minutes ->
    [one] , d’une durée de { $minutes } minute
   *[other] , d’une durée de { $minutes } minutes
}
announced = annoncé le { $date }
date-at-time = { $date } à { $time } { $zone }
