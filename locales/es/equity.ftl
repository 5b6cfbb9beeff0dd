# El tablero público de equidad, /equity (issue 19): abierto a todos, en todos los idiomas.

equity-footer-link = ¿Qué tan justa es la ayuda?
equity-title = ¿Qué tan justa es la ayuda?
equity-intro = Solicitudes de ayuda hechas del { $from } al { $to }, y qué pasó con ellas: cuántas hubo, cuánto esperaron los residentes un primer contacto y cuántos quedaron conectados a internet en casa.
equity-suppression = Para proteger la privacidad, no se muestra ninguna cifra basada en menos de { $min } residentes, ni ninguna cifra que permita calcularla.
equity-download-csv = Descargar estas cifras (CSV)
equity-predicts-heading = ¿La identidad todavía predice el resultado?
equity-predicts-intro = Equidad significa que quién es usted ya no predice la ayuda que recibe. Para raza o etnia, idioma y vecindario, revisamos si algunos grupos esperaron más un primer contacto, o quedaron conectados en casa con menos frecuencia, de lo que explicaría el azar.
equity-identity-race = La raza o etnia
equity-identity-race-lower = la raza o etnia
equity-identity-language = El idioma
equity-identity-language-lower = el idioma
equity-identity-area = El vecindario
equity-identity-area-lower = el vecindario
equity-finding-waiting-yes = { $identity } todavía predice la espera: { $high_share } de los residentes del grupo { $high } esperaron más de { $wait } un primer contacto, frente a { $low_share } en el grupo { $low }, { $ratio } veces más (intervalo de confianza del 95 %: { $ci_low } a { $ci_high }; diferencia entre todos los grupos mayor que el azar, { $p }).
equity-finding-waiting-no = No hay indicios de que { $identity_lower } prediga la espera: las diferencias entre grupos están dentro de lo que da el azar ({ $p }). Los más distantes: { $high_share } de los residentes del grupo { $high } esperaron más de { $wait }, frente a { $low_share } en el grupo { $low } (razón { $ratio }, intervalo de confianza del 95 %: { $ci_low } a { $ci_high }).
equity-finding-waiting-too-few = Todavía hay muy pocos residentes para saber si { $identity_lower } predice la espera: menos de dos grupos son lo bastante grandes para compararlos.
equity-finding-connected-yes = { $identity } todavía predice quién queda conectado: { $high_share } de los residentes del grupo { $high } quedaron conectados en casa, frente a { $low_share } en el grupo { $low }, { $ratio } veces más (intervalo de confianza del 95 %: { $ci_low } a { $ci_high }; diferencia entre todos los grupos mayor que el azar, { $p }).
equity-finding-connected-no = No hay indicios de que { $identity_lower } prediga quién queda conectado: las diferencias entre grupos están dentro de lo que da el azar ({ $p }). Los más distantes: { $high_share } de los residentes del grupo { $high } quedaron conectados en casa, frente a { $low_share } en el grupo { $low } (razón { $ratio }, intervalo de confianza del 95 %: { $ci_low } a { $ci_high }).
equity-finding-connected-too-few = Todavía hay muy pocos residentes para saber si { $identity_lower } predice quién queda conectado: menos de dos grupos son lo bastante grandes para compararlos.
equity-p-equals = p = { $p }
equity-p-below = p < { $p }
equity-days = { $n ->
    [one] { $n } día
   *[other] { $n } días
}
equity-hours = { $n ->
    [one] { $n } hora
   *[other] { $n } horas
}
equity-method-heading = Cómo lo calculamos
equity-method-groups = Solo comparamos grupos con al menos { $min } residentes detrás de la cifra, los mismos que muestran las tablas. Para raza o etnia, cada respuesta elegida sola es un grupo y quienes eligieron más de una respuesta forman otro grupo, así nadie cuenta dos veces; se dejan fuera quienes no respondieron y las solicitudes sin vecindario.
equity-method-waiting = Espera: buscamos la espera que divide las esperas de todos los residentes comparados lo más cerca posible de mitad y mitad (por ejemplo 2 días) y comparamos la proporción de cada grupo que esperó más que eso. Para ver si los grupos difieren más que por azar, usamos la prueba de Kruskal-Wallis sobre las esperas tal como se registran (en tramos de una hora a una semana), que pregunta si algunos grupos tienden a esperar más que otros.
equity-method-connected = Conexión: de las solicitudes resueltas, la proporción en que el residente quedó conectado a internet en casa. Para ver si los grupos difieren más que por azar, usamos una prueba de independencia chi cuadrado sobre los números de conectados y no conectados.
equity-method-ratio = La razón compara los dos grupos más distantes: cuántas veces más en un grupo que en el otro. El intervalo de confianza del 95 % (método de Katz) es el rango donde más probablemente está la razón verdadera; si incluye el 1, esos dos grupos quizá no difieran de verdad. Como estos dos grupos se eligieron por ser los más distantes, la frase la decide la prueba entre todos los grupos, no el intervalo.
equity-method-chance = Decimos que una identidad todavía predice un resultado cuando diferencias tan grandes como las vistas saldrían por azar menos de 5 veces de cada 100 (p menor que 0,05). «No hay indicios» no prueba que los grupos sean atendidos igual: los grupos pequeños dejan lugar a diferencias que las cifras aún no pueden mostrar.
equity-method-data = Todo se cuenta a partir de totales guardados cada 28 días, nunca del expediente de un residente, y no permite identificar a nadie.
equity-year-heading = Los últimos 12 meses:
equity-quarters-heading = Por trimestre
equity-period = del { $from } al { $to }
equity-quarter-cell-note = Cada celda muestra las solicitudes, la mediana de días hasta un primer contacto y la proporción conectada en casa.
equity-quarter-cell = { $requests } · { $median } · { $connected }
equity-by-area = Por vecindario
equity-by-language = Por idioma
equity-by-race = Por raza o etnia
equity-by-channel = Por cómo pidieron ayuda
equity-col-area = Vecindario
equity-col-language = Idioma
equity-col-race = Raza o etnia
equity-col-channel = Cómo pidieron ayuda
equity-col-requests = Solicitudes
equity-col-median = Mediana de días hasta un primer contacto
equity-col-p90 = Días hasta un primer contacto, 9 de cada 10 dentro
equity-col-connected = Conectados en casa
equity-everyone = Todos
equity-suppressed = menos de { $min }
equity-no-figure = —
equity-no-area = Sin vecindario asignado
equity-race-unanswered = No respondió
equity-race-multiple = Más de una respuesta
equity-race-prefer-not = Prefirió no decir
equity-race-note = Un residente que eligió más de una respuesta cuenta en cada grupo elegido.
equity-channel-web = Formulario web
equity-channel-phone = Llamada telefónica
equity-channel-walk_in = En persona
equity-channel-sms = Mensaje de texto
equity-gap = Mediana de espera más larga: { $longest }, { $high } días; más corta: { $shortest }, { $low } días.
equity-map-title = Mediana de días hasta un primer contacto, por vecindario
equity-map-area = { $area }: { $figure }
equity-legend-up-to = hasta { $value }
equity-legend-range = de { $from } a { $to }
equity-legend-none = Sin cifra (muy pocos residentes, o ninguno)
