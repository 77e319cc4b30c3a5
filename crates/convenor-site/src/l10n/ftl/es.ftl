# Términos de la literatura de recuperación y de TSML UI: «reunión».

## Anuncios

line-weekly = { $day }: { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
starts = Comienza el { $date }
ends = Termina el { $date }
join = Unirse
phone = Teléfono
join-online = Unirse en línea

## La regla de una reunión

rule-weekly = cada { $day } a las { $when }
rule-every = cada { $weeks } semanas, el { $day } a las { $when }
rule-rrule = { $rule } a las { $when }

## Lo que hace un cambio

change-reschedule = desde el { $date }, { $after } en lugar de { $before }
change-cancel = no hay reunión el { $date }
change-move = la reunión del { $date } pasa al { $to }
change-extra = una reunión adicional el { $at }
change-end = no hay más reuniones desde el { $date }
minutes-long = { $minutes ->
    [one] , de { $minutes } minuto
   *[other] , de { $minutes } minutos
}
announced = anunciado el { $date }
date-at-time = { $date } a las { $time } { $zone }
