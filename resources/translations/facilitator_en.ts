<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="nl">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Over {name}</source>
        <translation>About {name}</translation>
    </message>
    <message>
        <source>Werksessies zonder internet: deelnemers sturen briefjes en stippen vanaf hun telefoon naar deze laptop; na afloop maakt één klik het verslag.</source>
        <translation>Breakout sessions without internet: participants send notes and dots from their phones to this laptop; afterwards one click makes the report.</translation>
    </message>
    <message>
        <source>Werkplaatsen staan standaard in: {folder}</source>
        <translation>Workshops are saved by default in: {folder}</translation>
    </message>
</context>
<context>
    <name>ActionsPanel</name>
    <message>
        <source>Wat</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Wie</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Wanneer</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Gekoppeld aan</source>
        <translation>Linked to</translation>
    </message>
    <message>
        <source>Dubbelklik een cel om haar te wijzigen</source>
        <translation>Double-click a cell to edit it</translation>
    </message>
    <message>
        <source>Wat gaan we doen?</source>
        <translation>What will we do?</translation>
    </message>
    <message>
        <source>Wanneer (bijv. 1 juli)</source>
        <translation>When (e.g. 1 July)</translation>
    </message>
    <message>
        <source>Toevoegen</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Koppel aan selectie</source>
        <translation>Link to selection</translation>
    </message>
    <message>
        <source>Koppelt het gekozen actiepunt (of het nieuwe) aan het cluster of briefje dat op de muur geselecteerd is</source>
        <translation>Links the chosen action item (or the new one) to the cluster or note selected on the wall</translation>
    </message>
    <message>
        <source>Verwijderen</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>cluster: {name}</source>
        <translation>cluster: {name}</translation>
    </message>
    <message>
        <source>briefje: {text}</source>
        <translation>note: {text}</translation>
    </message>
    <message>
        <source>Nieuw actiepunt gekoppeld aan {what}</source>
        <translation>New action item linked to {what}</translation>
    </message>
    <message>
        <source>Nieuw actiepunt: nog niet gekoppeld</source>
        <translation>New action item: not linked yet</translation>
    </message>
</context>
<context>
    <name>AddressBanner</name>
    <message>
        <source>Verbergen</source>
        <translation>Hide</translation>
    </message>
    <message>
        <source>Poort {wanted} van deze werkplaats is bezet door een ander programma. De telefoons bereiken de laptop nu op poort {actual}: de QR-codes op dit scherm werken, maar gedrukte tafelkaarten tonen nog poort {wanted} en werken zo niet. Sluit het andere programma en open de werkplaats opnieuw, of druk de tafelkaarten opnieuw af.</source>
        <translation>Port {wanted} of this workshop is taken by another program. Phones now reach the laptop on port {actual}: the QR codes on this screen work, but printed table cards still show port {wanted} and will not work. Close the other program and open the workshop again, or print the table cards again.</translation>
    </message>
</context>
<context>
    <name>ClusterItem</name>
    <message>
        <source>(zonder naam)</source>
        <translation>(untitled)</translation>
    </message>
</context>
<context>
    <name>DayFlow</name>
    <message>
        <source>Ronde {old} loopt nog. Als ronde {new} nu naar &apos;{phase}&apos; gaat, gaan alle telefoons van ronde {old} naar ronde {new}; wat ze in ronde {old} deden, blijft bewaard.</source>
        <translation>Round {old} is still running. If round {new} goes to &apos;{phase}&apos; now, every phone moves from round {old} to round {new}; what they did in round {old} stays saved.</translation>
    </message>
    <message>
        <source>Naar ronde {n}</source>
        <translation>Go to round {n}</translation>
    </message>
    <message>
        <source>De laatste ronde is gesloten: er is geen volgende stap.</source>
        <translation>The last round is closed: there is no next step.</translation>
    </message>
    <message>
        <source>alle tafels</source>
        <translation>all tables</translation>
    </message>
    <message>
        <source>de tafels die achter liepen ({n})</source>
        <translation>the tables that were behind ({n})</translation>
    </message>
    <message>
        <source>Ronde {n}: {which} naar {phase}</source>
        <translation>Round {n}: {which} to {phase}</translation>
    </message>
    <message>
        <source>Andere ronde?</source>
        <translation>Another round?</translation>
    </message>
    <message>
        <source>&amp;Blijven bij deze ronde</source>
        <translation>&amp;Stay with this round</translation>
    </message>
    <message>
        <source>Niets veranderd: de telefoons blijven in hun ronde.</source>
        <translation>Nothing changed: the phones stay in their round.</translation>
    </message>
</context>
<context>
    <name>EventTab</name>
    <message>
        <source>bijvoorbeeld 28 mei 2026</source>
        <translation>for example 28 May 2026</translation>
    </message>
    <message>
        <source>bijvoorbeeld KB, Den Haag</source>
        <translation>for example KB, The Hague</translation>
    </message>
    <message>
        <source>bijvoorbeeld KB, SPN en VOB</source>
        <translation>for example KB, SPN and VOB</translation>
    </message>
    <message>
        <source>Nederlands</source>
        <translation>Dutch</translation>
    </message>
    <message>
        <source>Engels</source>
        <translation>English</translation>
    </message>
    <message>
        <source>je (informeel)</source>
        <translation>je (informal)</translation>
    </message>
    <message>
        <source>u (formeel)</source>
        <translation>u (formal)</translation>
    </message>
    <message>
        <source>Poort voor telefoons</source>
        <translation>Port for phones</translation>
    </message>
    <message>
        <source>Telefoons bereiken de laptop op http://adres:poort; de gedrukte tafelkaarten tonen die poort. Een andere poort geldt vanaf de volgende keer dat deze werkplaats opent: druk de tafelkaarten daarna opnieuw af.</source>
        <translation>Phones reach the laptop at http://address:port; the printed table cards show this port. A different port takes effect the next time this workshop opens: print the table cards again after that.</translation>
    </message>
    <message>
        <source>Titel:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <source>Datum:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>Plaats:</source>
        <translation>Venue:</translation>
    </message>
    <message>
        <source>Organisatoren:</source>
        <translation>Organisers:</translation>
    </message>
    <message>
        <source>Taal op telefoons:</source>
        <translation>Language on phones:</translation>
    </message>
    <message>
        <source>Aanspreekvorm op telefoons:</source>
        <translation>Form of address on phones (Dutch):</translation>
    </message>
    <message>
        <source>Poort voor telefoons:</source>
        <translation>Port for phones:</translation>
    </message>
    <message>
        <source>Deze gegevens komen op de voorpagina van het verslag en op de tafelkaarten. Wijzigingen worden meteen bewaard.</source>
        <translation>These details appear on the report&apos;s cover page and on the table cards. Changes are saved immediately.</translation>
    </message>
    <message>
        <source>Poort {port} is nu in gebruik door een ander programma; kies een andere (bijvoorbeeld tussen {low} en {high}).</source>
        <translation>Port {port} is in use by another program right now; choose another (for example between {low} and {high}).</translation>
    </message>
    <message>
        <source>Een poort is een getal van {low} tot {high}.</source>
        <translation>A port is a number from {low} to {high}.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Verslag exporteren</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>Word-verslag (.docx)</source>
        <translation>Word report (.docx)</translation>
    </message>
    <message>
        <source>CSV voor Excel (.csv)</source>
        <translation>CSV for Excel (.csv)</translation>
    </message>
    <message>
        <source>JSON voor het archief (.json)</source>
        <translation>JSON for the archive (.json)</translation>
    </message>
    <message>
        <source>Tafelkaarten om te printen (.docx)</source>
        <translation>Table cards to print (.docx)</translation>
    </message>
    <message>
        <source>Nederlands</source>
        <translation>Dutch</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>namen opnemen</source>
        <translation>include names</translation>
    </message>
    <message>
        <source>Standaard anoniem: deelnemers spreken vrijer als het verslag hen niet citeert.</source>
        <translation>Anonymous by default: participants speak more freely when the report does not quote them.</translation>
    </message>
    <message>
        <source>verborgen notities apart vermelden</source>
        <translation>list hidden notes separately</translation>
    </message>
    <message>
        <source>kort: per tafel de sterkste notities</source>
        <translation>short: the strongest notes per table</translation>
    </message>
    <message>
        <source>volledig: alle notities in een bijlage</source>
        <translation>full: every note in an appendix</translation>
    </message>
    <message>
        <source>kort, met alle notities in een apart bestand</source>
        <translation>short, with every note in a separate file</translation>
    </message>
    <message>
        <source>standaardopmaak</source>
        <translation>standard layout</translation>
    </message>
    <message>
        <source>Een Word-document van uw organisatie: het verslag neemt de lettertypen, kleuren en koppen daarvan over.</source>
        <translation>A Word document of your organisation: the report takes its fonts, colours and headings.</translation>
    </message>
    <message>
        <source>thema&apos;s over alle tafels toevoegen</source>
        <translation>add themes across all tables</translation>
    </message>
    <message>
        <source>Per ronde de thema&apos;s die meerdere tafels vonden, uit de clusters die de tafels zelf maakten.</source>
        <translation>Per round, the themes several tables found, from the clusters the tables made themselves.</translation>
    </message>
    <message>
        <source>Kiezen…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Waar telefoons de laptop bereiken: het adres uit het paneel &apos;Meedoen met je telefoon&apos;.</source>
        <translation>Where phones reach the laptop: the address from the &apos;Join with your phone&apos; panel.</translation>
    </message>
    <message>
        <source>Bladeren…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Bestand &amp;openen</source>
        <translation>&amp;Open file</translation>
    </message>
    <message>
        <source>Opent het bestand in Word, LibreOffice of het programma dat de laptop ervoor kiest.</source>
        <translation>Opens the file in Word, LibreOffice or whichever program the laptop uses for it.</translation>
    </message>
    <message>
        <source>&amp;Map openen</source>
        <translation>Open &amp;folder</translation>
    </message>
    <message>
        <source>Opent de map waarin het bestand staat.</source>
        <translation>Opens the folder the file is in.</translation>
    </message>
    <message>
        <source>Soort:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>Taal:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>Notities:</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>Huisstijl:</source>
        <translation>House style:</translation>
    </message>
    <message>
        <source>Adres voor telefoons:</source>
        <translation>Address for phones:</translation>
    </message>
    <message>
        <source>Opslaan als:</source>
        <translation>Save as:</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Exporteren</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Huisstijl kiezen</source>
        <translation>Choose a house style</translation>
    </message>
    <message>
        <source>De kaarten tonen een ander adres: de vorige tafelkaarten tonen {printed}, deze krijgen {new}. Vervang dan de kaarten op alle tafels.</source>
        <translation>The cards show a different address: the previous table cards show {printed}, these get {new}. Then replace the cards on every table.</translation>
    </message>
    <message>
        <source>Exporteren naar</source>
        <translation>Export to</translation>
    </message>
    <message>
        <source>Kies waar het bestand moet komen.</source>
        <translation>Choose where the file should go.</translation>
    </message>
    <message>
        <source>De huisstijl is niet te lezen: {why}</source>
        <translation>The house style cannot be read: {why}</translation>
    </message>
    <message>
        <source>Tafelkaarten hebben het adres voor telefoons nodig.</source>
        <translation>Table cards need the address for phones.</translation>
    </message>
    <message>
        <source>Bezig met exporteren…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Opgeslagen: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>Het bestand kon niet worden opgeslagen: {why}.</source>
        <translation>The file could not be saved: {why}.</translation>
    </message>
    <message>
        <source>Dit kon niet worden geopend; het staat hier: {path}</source>
        <translation>This could not be opened; it is here: {path}</translation>
    </message>
</context>
<context>
    <name>GroupsPanel</name>
    <message>
        <source>Groep</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Briefjes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Fase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Tafel 10</source>
        <translation>Table 10</translation>
    </message>
</context>
<context>
    <name>GroupsTab</name>
    <message>
        <source>Groep toevoegen</source>
        <translation>Add group</translation>
    </message>
    <message>
        <source>bijvoorbeeld Tafel 1</source>
        <translation>for example Table 1</translation>
    </message>
    <message>
        <source>naam van de tafelvoorzitter (mag leeg)</source>
        <translation>name of the table host (may be empty)</translation>
    </message>
    <message>
        <source>Andere kleur…</source>
        <translation>Other colour…</translation>
    </message>
    <message>
        <source>Naam:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Kleur:</source>
        <translation>Colour:</translation>
    </message>
    <message>
        <source>Tafelvoorzitter:</source>
        <translation>Table host:</translation>
    </message>
    <message>
        <source>Code voor telefoons:</source>
        <translation>Code for phones:</translation>
    </message>
    <message>
        <source>Tafel {n}</source>
        <translation>Table {n}</translation>
    </message>
    <message>
        <source>Kleur van de groep</source>
        <translation>Group colour</translation>
    </message>
</context>
<context>
    <name>ItemList</name>
    <message>
        <source>Verwijderen</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Omhoog</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>Omlaag</source>
        <translation>Down</translation>
    </message>
</context>
<context>
    <name>JoinPanel</name>
    <message>
        <source>Code van deze groep:</source>
        <translation>This group&apos;s code:</translation>
    </message>
    <message>
        <source>Het adres van deze laptop op het netwerk van de zaal</source>
        <translation>This laptop&apos;s address on the venue&apos;s network</translation>
    </message>
    <message>
        <source>Vernieuwen</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Netwerkadressen opnieuw zoeken, bijvoorbeeld na wisselen van wifi</source>
        <translation>Look up network addresses again, for example after switching Wi-Fi</translation>
    </message>
    <message>
        <source>Netwerk:</source>
        <translation>Network:</translation>
    </message>
    <message>
        <source>Verbonden telefoons: {here} in deze groep, {total} in totaal</source>
        <translation>Connected phones: {here} in this group, {total} in total</translation>
    </message>
    <message>
        <source>De kaarten tonen een ander adres: {printed}. Telefoons bereiken de laptop nu op {now}.</source>
        <translation>The cards show a different address: {printed}. Phones now reach the laptop at {now}.</translation>
    </message>
    <message>
        <source>Druk de tafelkaarten opnieuw af, of maak poort {port} vrij en open de werkplaats opnieuw.</source>
        <translation>Print the table cards again, or free port {port} and open the workshop again.</translation>
    </message>
    <message>
        <source>Kies bij Netwerk het adres van de kaarten als de laptop nog op dat netwerk zit; anders: druk de tafelkaarten opnieuw af.</source>
        <translation>Choose the cards&apos; address under Network if the laptop is still on that network; otherwise print the table cards again.</translation>
    </message>
    <message>
        <source>Geen groep gekozen</source>
        <translation>No group selected</translation>
    </message>
    <message>
        <source>Let op, de kaarten tonen {printed}</source>
        <translation>Note: the cards show {printed}</translation>
    </message>
    <message>
        <source>De deelnemersserver draait niet: telefoons kunnen nu niet meedoen.</source>
        <translation>The participant server is not running: phones cannot join right now.</translation>
    </message>
    <message>
        <source>127.0.0.1 werkt alleen op deze laptop. Kies het adres van het wifi-netwerk van de zaal.</source>
        <translation>127.0.0.1 only works on this laptop. Choose the address of the venue&apos;s Wi-Fi network.</translation>
    </message>
</context>
<context>
    <name>JoinView</name>
    <message>
        <source>Doe mee met je telefoon</source>
        <translation>Join with your phone</translation>
    </message>
    <message>
        <source>Scan de QR-code met de camera van je telefoon,</source>
        <translation>Scan the QR code with your phone&apos;s camera,</translation>
    </message>
    <message>
        <source>of typ dit adres in de browser:</source>
        <translation>or type this address into the browser:</translation>
    </message>
    <message>
        <source>Kies daarna je tafel en schrijf mee.</source>
        <translation>Then pick your table and start writing.</translation>
    </message>
    <message>
        <source>De deelnemersserver draait niet.</source>
        <translation>The participant server is not running.</translation>
    </message>
    <message>
        <source>Tafelcodes</source>
        <translation>Table codes</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>Taal</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Facilitator wordt Nederlands zodra u het programma opnieuw start.</source>
        <translation>Facilitator switches to English when you restart it.</translation>
    </message>
    <message>
        <source>&amp;Taal</source>
        <translation>&amp;Language</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Facilitator — {title}</source>
        <translation>Facilitator — {title}</translation>
    </message>
    <message>
        <source>Groepen</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>&amp;Recent geopend</source>
        <translation>&amp;Recently opened</translation>
    </message>
    <message>
        <source>Meedoen met je telefoon</source>
        <translation>Join with your phone</translation>
    </message>
    <message>
        <source>Voorstellen</source>
        <translation>Suggestions</translation>
    </message>
    <message>
        <source>Werkplaats: {path}</source>
        <translation>Workshop: {path}</translation>
    </message>
    <message>
        <source>&amp;Bestand</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Demo-werkplaats openen</source>
        <translation>Open the &amp;demo workshop</translation>
    </message>
    <message>
        <source>Verslag &amp;exporteren…</source>
        <translation>&amp;Export report…</translation>
    </message>
    <message>
        <source>&amp;Kopie opslaan…</source>
        <translation>Save a &amp;copy…</translation>
    </message>
    <message>
        <source>Een volledige kopie, ook van de nieuwste notities. Het open bestand zelf kopiëren is geen reservekopie.</source>
        <translation>A complete copy, including the newest notes. Copying the open file itself is not a backup.</translation>
    </message>
    <message>
        <source>&amp;Afsluiten</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Be&amp;werken</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>Ongedaan maken (op de tafel in beeld)</source>
        <translation>Undo (on the table in view)</translation>
    </message>
    <message>
        <source>Opnieuw (op de tafel in beeld)</source>
        <translation>Redo (on the table in view)</translation>
    </message>
    <message>
        <source>&amp;Volgende stap</source>
        <translation>&amp;Next step</translation>
    </message>
    <message>
        <source>Ctrl+G met een cluster erbij</source>
        <translation>Ctrl+G with a cluster selected too</translation>
    </message>
    <message>
        <source>Losse briefjes in dat cluster</source>
        <translation>Loose notes into that cluster</translation>
    </message>
    <message>
        <source>Muur</source>
        <translation>Wall</translation>
    </message>
    <message>
        <source>Projectorvenster</source>
        <translation>Projector window</translation>
    </message>
    <message>
        <source>Volledig scherm aan of uit</source>
        <translation>Full screen on or off</translation>
    </message>
    <message>
        <source>Volledig scherm uit, nog eens: sluiten</source>
        <translation>Leave full screen; again: close</translation>
    </message>
    <message>
        <source>Indeling &amp;herstellen</source>
        <translation>&amp;Reset layout</translation>
    </message>
    <message>
        <source>Groepen voorstellen…</source>
        <translation>Suggest groups…</translation>
    </message>
    <message>
        <source>Ongedaan maken</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Opnieuw</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Ctrl+wiel</source>
        <translation>Ctrl+wheel</translation>
    </message>
    <message>
        <source>Deze werkplaats is al open in dit venster.</source>
        <translation>This workshop is already open in this window.</translation>
    </message>
    <message>
        <source>Bee&amp;ld</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Alle briefjes tonen</source>
        <translation>Show all notes</translation>
    </message>
    <message>
        <source>Inzoomen</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Uitzoomen</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Volgend &amp;paneel</source>
        <translation>Next &amp;pane</translation>
    </message>
    <message>
        <source>Vorig paneel</source>
        <translation>Previous pane</translation>
    </message>
    <message>
        <source>&amp;Over {name}…</source>
        <translation>&amp;About {name}…</translation>
    </message>
    <message>
        <source>Selectie &amp;verplaatsen</source>
        <translation>&amp;Move selection</translation>
    </message>
    <message>
        <source>Naar links</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>Naar rechts</source>
        <translation>Right</translation>
    </message>
    <message>
        <source>Omhoog</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>Omlaag</source>
        <translation>Down</translation>
    </message>
    <message>
        <source>{title} (demo)</source>
        <translation>{title} (demo)</translation>
    </message>
    <message>
        <source>Verslag exporteren</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Muur</source>
        <translation>&amp;Wall</translation>
    </message>
    <message>
        <source>Actiepunt maken…</source>
        <translation>Create action item…</translation>
    </message>
    <message>
        <source>Actiepunten</source>
        <translation>Action items</translation>
    </message>
    <message>
        <source>Cluster maken</source>
        <translation>Create cluster</translation>
    </message>
    <message>
        <source>Cluster opheffen</source>
        <translation>Dissolve cluster</translation>
    </message>
    <message>
        <source>Dubbelklik</source>
        <translation>Double-click</translation>
    </message>
    <message>
        <source>In cluster leggen</source>
        <translation>Put in cluster</translation>
    </message>
    <message>
        <source>In- en uitzoomen</source>
        <translation>Zoom in and out</translation>
    </message>
    <message>
        <source>Middelste knop of Alt+slepen</source>
        <translation>Middle button or Alt+drag</translation>
    </message>
    <message>
        <source>Muur verschuiven</source>
        <translation>Pan the wall</translation>
    </message>
    <message>
        <source>Naam of tekst wijzigen</source>
        <translation>Edit name or text</translation>
    </message>
    <message>
        <source>Netwerk controleren…</source>
        <translation>Check network…</translation>
    </message>
    <message>
        <source>Netwerkcontrole</source>
        <translation>Network check</translation>
    </message>
    <message>
        <source>Papieren briefje typen</source>
        <translation>Type a paper note</translation>
    </message>
    <message>
        <source>Samenvoegen</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>Selectie clusteren</source>
        <translation>Cluster selection</translation>
    </message>
    <message>
        <source>Slepen op briefje</source>
        <translation>Drag onto a note</translation>
    </message>
    <message>
        <source>Slepen op cluster</source>
        <translation>Drag onto a cluster</translation>
    </message>
    <message>
        <source>Slepen uit kader</source>
        <translation>Drag out of the frame</translation>
    </message>
    <message>
        <source>Sneltoetsen</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Uit cluster halen</source>
        <translation>Take out of cluster</translation>
    </message>
    <message>
        <source>Uitslag stemming</source>
        <translation>Vote results</translation>
    </message>
    <message>
        <source>Verbergen of weer tonen</source>
        <translation>Hide or show again</translation>
    </message>
    <message>
        <source>Zoeken</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Zoeken wissen</source>
        <translation>Clear search</translation>
    </message>
    <message>
        <source>Zoomen onder de muis</source>
        <translation>Zoom under the mouse</translation>
    </message>
</context>
<context>
    <name>NetworkCheck</name>
    <message>
        <source>Scan deze testcode met een telefoon die op hetzelfde wifi-netwerk zit als de deelnemers. Lukt het, dan ziet u het hieronder.</source>
        <translation>Scan this test code with a phone on the same Wi-Fi network as the participants. If it works, you will see it below.</translation>
    </message>
    <message>
        <source>Verbinding testen</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>Bereiken telefoons de laptop niet? Gastnetwerken houden apparaten vaak van elkaar gescheiden (client isolation). Gebruik dan een eigen reisrouter of de hotspot van een telefoon, verbind de laptop en de telefoons daarmee en kies hierboven het nieuwe adres. Een firewall op de laptop moet de poort van Facilitator toelaten.</source>
        <translation>Phones cannot reach the laptop? Guest networks often keep devices apart (client isolation). Use your own travel router or a phone&apos;s hotspot instead, connect the laptop and the phones to it and choose the new address above. A firewall on the laptop must allow Facilitator&apos;s port.</translation>
    </message>
    <message>
        <source>De deelnemersserver draait niet.</source>
        <translation>The participant server is not running.</translation>
    </message>
    <message>
        <source>Deze laptop is met geen enkel netwerk verbonden. Verbind hem met het wifi-netwerk van de zaal of met een reisrouter.</source>
        <translation>This laptop is not connected to any network. Connect it to the venue&apos;s Wi-Fi network or to a travel router.</translation>
    </message>
    <message>
        <source>127.0.0.1 werkt alleen op deze laptop zelf, niet op telefoons.</source>
        <translation>127.0.0.1 only works on this laptop itself, not on phones.</translation>
    </message>
    <message>
        <source>{address} is geen adres van een lokaal netwerk. Telefoons in de zaal bereiken het waarschijnlijk niet; kies het adres van het wifi-netwerk.</source>
        <translation>{address} is not a local network address. Phones in the room probably cannot reach it; choose the Wi-Fi network&apos;s address.</translation>
    </message>
    <message>
        <source>Wachten op een telefoon…</source>
        <translation>Waiting for a phone…</translation>
    </message>
    <message>
        <source>Gelukt: een telefoon ({address}) bereikte de laptop om {when}.</source>
        <translation>Success: a phone ({address}) reached the laptop at {when}.</translation>
    </message>
    <message>
        <source>Nog geen telefoon bereikte de laptop.</source>
        <translation>No phone has reached the laptop yet.</translation>
    </message>
</context>
<context>
    <name>NewWorkshopDialog</name>
    <message>
        <source>Nieuwe werkplaats</source>
        <translation>New workshop</translation>
    </message>
    <message>
        <source>Vanuit een sjabloon:</source>
        <translation>From a template:</translation>
    </message>
    <message>
        <source>Vanuit een opgeslagen sjabloonbestand:</source>
        <translation>From a saved template file:</translation>
    </message>
    <message>
        <source>Leeg (één groep, één ronde)</source>
        <translation>Empty (one group, one round)</translation>
    </message>
    <message>
        <source>een .json-bestand</source>
        <translation>a .json file</translation>
    </message>
    <message>
        <source>Kiezen…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>werkplaats</source>
        <translation>workshop</translation>
    </message>
    <message>
        <source>Bladeren…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Maken</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Bestand van de nieuwe werkplaats:</source>
        <translation>File for the new workshop:</translation>
    </message>
    <message>
        <source>Kies een sjabloonbestand (.json) dat bestaat.</source>
        <translation>Choose a template file (.json) that exists.</translation>
    </message>
    <message>
        <source>Geef de nieuwe werkplaats een bestandsnaam.</source>
        <translation>Give the new workshop a file name.</translation>
    </message>
    <message>
        <source>Er is al een bestand {name}; kies een andere naam.</source>
        <translation>A file {name} already exists; choose another name.</translation>
    </message>
    <message>
        <source>het sjabloon is niet te lezen</source>
        <translation>the template cannot be read</translation>
    </message>
    <message>
        <source>De werkplaats kon niet worden gemaakt: {why}.</source>
        <translation>The workshop could not be made: {why}.</translation>
    </message>
    <message>
        <source>Sjabloon kiezen</source>
        <translation>Choose template</translation>
    </message>
    <message>
        <source>Sjabloon (*.json)</source>
        <translation>Template (*.json)</translation>
    </message>
    <message>
        <source>Nieuwe werkplaats opslaan</source>
        <translation>Save new workshop</translation>
    </message>
    <message>
        <source>Werkplaats (*.workshop)</source>
        <translation>Workshop (*.workshop)</translation>
    </message>
</context>
<context>
    <name>NoteEntry</name>
    <message>
        <source>Briefje van papier overtypen en op Enter drukken</source>
        <translation>Type in a paper note and press Enter</translation>
    </message>
    <message>
        <source>Toevoegen</source>
        <translation>Add</translation>
    </message>
</context>
<context>
    <name>NoteItem</name>
    <message>
        <source>Lijkt op een ander briefje: samenvoegen?</source>
        <translation>Looks like another note: merge?</translation>
    </message>
    <message>
        <source>≈ dubbel?</source>
        <translation>≈ duplicate?</translation>
    </message>
    <message>
        <source>verborgen</source>
        <translation>hidden</translation>
    </message>
    <message>
        <source>papier</source>
        <translation>paper</translation>
    </message>
</context>
<context>
    <name>OverviewTable</name>
    <message>
        <source>Groep</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Nu verbonden</source>
        <translation>Connected now</translation>
    </message>
    <message>
        <source>Aangemeld</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>Briefjes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Stemmers</source>
        <translation>Voters</translation>
    </message>
    <message>
        <source>Stippen</source>
        <translation>Dots</translation>
    </message>
    <message>
        <source>Laatste activiteit</source>
        <translation>Last activity</translation>
    </message>
    <message>
        <source>Fase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Alleen deze groep</source>
        <translation>This group only</translation>
    </message>
    <message>
        <source>Naar {phase}</source>
        <translation>Go to {phase}</translation>
    </message>
    <message>
        <source>Klaar</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>zojuist</source>
        <translation>just now</translation>
    </message>
    <message>
        <source>{n} min geleden</source>
        <translation>{n} min ago</translation>
    </message>
    <message>
        <source>{n} uur geleden</source>
        <translation>{n} h ago</translation>
    </message>
    <message>
        <source>Alleen {group} naar:</source>
        <translation>Move only {group} to:</translation>
    </message>
</context>
<context>
    <name>Phase</name>
    <message>
        <source>Voorbereiden</source>
        <translation>Prepare</translation>
    </message>
    <message>
        <source>Verzamelen</source>
        <translation>Collect</translation>
    </message>
    <message>
        <source>Groeperen</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Stemmen</source>
        <translation>Vote</translation>
    </message>
    <message>
        <source>Gesloten</source>
        <translation>Closed</translation>
    </message>
</context>
<context>
    <name>PlenaryView</name>
    <message>
        <source>Top drie per tafel · {question}</source>
        <translation>Top three per table · {question}</translation>
    </message>
    <message>
        <source>Nog geen stemmen in deze ronde</source>
        <translation>No votes in this round yet</translation>
    </message>
    <message>
        <source>Nog geen stemmen: {tables}</source>
        <translation>No votes yet: {tables}</translation>
    </message>
    <message>
        <source>gelijk</source>
        <translation>tied</translation>
    </message>
</context>
<context>
    <name>Preparer</name>
    <message>
        <source>&amp;Nieuwe werkplaats…</source>
        <translation>&amp;New workshop…</translation>
    </message>
    <message>
        <source>&amp;Openen…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <source>Opslaan als &amp;sjabloon…</source>
        <translation>Save as &amp;template…</translation>
    </message>
    <message>
        <source>Werkplaats &amp;voorbereiden…</source>
        <translation>&amp;Prepare workshop…</translation>
    </message>
    <message>
        <source>Werkplaats openen</source>
        <translation>Open workshop</translation>
    </message>
    <message>
        <source>Werkplaats (*.workshop)</source>
        <translation>Workshop (*.workshop)</translation>
    </message>
    <message>
        <source>Deze werkplaats kan hier niet worden gewisseld; start de app met het bestand:
{path}</source>
        <translation>This workshop cannot be switched here; start the app with the file:
{path}</translation>
    </message>
    <message>
        <source>De werkplaats kan niet worden geopend:
{e}</source>
        <translation>The workshop cannot be opened:
{e}</translation>
    </message>
    <message>
        <source>Opslaan als sjabloon</source>
        <translation>Save as template</translation>
    </message>
    <message>
        <source>Sjabloon (*.json)</source>
        <translation>Template (*.json)</translation>
    </message>
    <message>
        <source>Het sjabloon kon niet worden opgeslagen: {e}.</source>
        <translation>The template could not be saved: {e}.</translation>
    </message>
    <message>
        <source>Sjabloon opgeslagen: {path}</source>
        <translation>Template saved: {path}</translation>
    </message>
    <message>
        <source>Facilitator</source>
        <translation>Facilitator</translation>
    </message>
</context>
<context>
    <name>ProjectorWindow</name>
    <message>
        <source>Facilitator — projector</source>
        <translation>Facilitator — projector</translation>
    </message>
    <message>
        <source>Automatisch (volgt de fase)</source>
        <translation>Automatic (follows the phase)</translation>
    </message>
    <message>
        <source>Meedoen</source>
        <translation>Join</translation>
    </message>
    <message>
        <source>Vraag</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Wand</source>
        <translation>Wall</translation>
    </message>
    <message>
        <source>Resultaten</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>Plenair</source>
        <translation>Plenary</translation>
    </message>
    <message>
        <source>Thema&apos;s van de zaal</source>
        <translation>The room&apos;s themes</translation>
    </message>
</context>
<context>
    <name>QDialog</name>
    <message>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Sneltoetsen</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Toetsen</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>Waar</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>Wat</source>
        <translation>What</translation>
    </message>
</context>
<context>
    <name>QWidget</name>
    <message>
        <source>De kopie is niet gelukt: {why}.</source>
        <translation>The copy did not work: {why}.</translation>
    </message>
    <message>
        <source>Kopie opgeslagen: {path} ({n} notities, gecontroleerd).</source>
        <translation>Copy saved: {path} ({n} notes, checked).</translation>
    </message>
    <message>
        <source>Kopie van de werkplaats opslaan</source>
        <translation>Save a copy of the workshop</translation>
    </message>
    <message>
        <source>Werkplaats (*.workshop)</source>
        <translation>Workshop (*.workshop)</translation>
    </message>
</context>
<context>
    <name>QuestionView</name>
    <message>
        <source>Alle tafels</source>
        <translation>All tables</translation>
    </message>
    <message>
        <source>{where} · ronde {n} · {method}</source>
        <translation>{where} · round {n} · {method}</translation>
    </message>
    <message>
        <source>{here} briefjes aan deze tafel · {total} in de hele zaal</source>
        <translation>{here} notes at this table · {total} in the whole room</translation>
    </message>
    <message>
        <source>{total} briefjes in de hele zaal</source>
        <translation>{total} notes in the whole room</translation>
    </message>
    <message>
        <source> · stil schrijven: je ziet ze straks</source>
        <translation> · silent writing: you will see them later</translation>
    </message>
    <message>
        <source>Tijd is om</source>
        <translation>Time is up</translation>
    </message>
</context>
<context>
    <name>QuitGuard</name>
    <message>
        <source>1 telefoon is verbonden</source>
        <translation>1 phone is connected</translation>
    </message>
    <message>
        <source>{n} telefoons zijn verbonden</source>
        <translation>{n} phones are connected</translation>
    </message>
    <message>
        <source>ronde {n} loopt</source>
        <translation>round {n} is running</translation>
    </message>
    <message>
        <source> en </source>
        <translation> and </translation>
    </message>
    <message>
        <source>Er wordt nog gewerkt: {reason}.

Als u afsluit, kunnen telefoons niets meer versturen. Wat deelnemers dan nog typen, blijft op hun telefoon bewaard en wordt vanzelf verstuurd zodra u deze werkplaats weer opent. Alles wat al is opgeslagen blijft bewaard.</source>
        <translation>The room is still working: {reason}.

If you quit, phones can no longer send anything. What participants type meanwhile stays on their phone and is sent by itself as soon as you open this workshop again. Everything already saved stays saved.</translation>
    </message>
    <message>
        <source>Afsluiten?</source>
        <translation>Quit?</translation>
    </message>
    <message>
        <source>&amp;Blijven</source>
        <translation>&amp;Stay</translation>
    </message>
    <message>
        <source>&amp;Toch afsluiten</source>
        <translation>&amp;Quit anyway</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>(nog geen andere werkplaatsen)</source>
        <translation>(no other workshops yet)</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <source>Plaats</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Cluster of briefje</source>
        <translation>Cluster or note</translation>
    </message>
    <message>
        <source>Stippen</source>
        <translation>Dots</translation>
    </message>
    <message>
        <source>Nog geen stippen.</source>
        <translation>No dots yet.</translation>
    </message>
    <message>
        <source>{dots} stippen van {voters} deelnemers</source>
        <translation>{dots} dots from {voters} participants</translation>
    </message>
    <message>
        <source>gelijk</source>
        <translation>tied</translation>
    </message>
    <message>
        <source>Evenveel stippen als een ander item</source>
        <translation>As many dots as another item</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Stemmen · {group}</source>
        <translation>Voting · {group}</translation>
    </message>
    <message>
        <source>{voters} van {joined} deelnemers stemden · {dots} stippen</source>
        <translation>{voters} of {joined} participants voted · {dots} dots</translation>
    </message>
    <message>
        <source>Nog niets om op te stemmen</source>
        <translation>Nothing to vote on yet</translation>
    </message>
    <message>
        <source>gelijk</source>
        <translation>tied</translation>
    </message>
</context>
<context>
    <name>RoundBar</name>
    <message>
        <source>Fase voor alle groepen:</source>
        <translation>Phase for all groups:</translation>
    </message>
    <message>
        <source>Ronde:</source>
        <translation>Round:</translation>
    </message>
    <message>
        <source>Deze ronde heeft nog geen vraag: schrijf die bij Werkplaats voorbereiden.</source>
        <translation>This round has no question yet: write it in Prepare workshop.</translation>
    </message>
    <message>
        <source>{method} · {minutes} min · {dots} stippen · {who}</source>
        <translation>{method} · {minutes} min · {dots} dots · {who}</translation>
    </message>
    <message>
        <source>telefoons zien deze ronde</source>
        <translation>phones see this round</translation>
    </message>
    <message>
        <source>niet de ronde die telefoons nu zien</source>
        <translation>not the round phones see now</translation>
    </message>
    <message>
        <source>(nog geen vraag)</source>
        <translation>(no question yet)</translation>
    </message>
</context>
<context>
    <name>RoundsTab</name>
    <message>
        <source>Ronde toevoegen</source>
        <translation>Add round</translation>
    </message>
    <message>
        <source>Typ hier de vraag die de groepen beantwoorden</source>
        <translation>Type the question the groups answer here</translation>
    </message>
    <message>
        <source>Deze ronde heeft nog geen vraag. Zonder vraag kan de ronde niet beginnen.</source>
        <translation>This round has no question yet. Without a question the round cannot start.</translation>
    </message>
    <message>
        <source>Kort onderwerp voor het verslag (leeg: het begin van de vraag)</source>
        <translation>Short topic for the report (empty: the start of the question)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>direct zichtbaar</source>
        <translation>visible at once</translation>
    </message>
    <message>
        <source>verborgen tot onthullen</source>
        <translation>hidden until revealed</translation>
    </message>
    <message>
        <source>meerdere stippen op één briefje toegestaan</source>
        <translation>several dots on one note allowed</translation>
    </message>
    <message>
        <source>Vraag:</source>
        <translation>Question:</translation>
    </message>
    <message>
        <source>Titel:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <source>Methode:</source>
        <translation>Method:</translation>
    </message>
    <message>
        <source>Duur:</source>
        <translation>Duration:</translation>
    </message>
    <message>
        <source>Stemtijd:</source>
        <translation>Voting time:</translation>
    </message>
    <message>
        <source>Briefjes:</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>Stippen:</source>
        <translation>Dots:</translation>
    </message>
    <message>
        <source>{n}. {question}
{method} · {minutes} min · {dots} stippen{hidden}</source>
        <translation>{n}. {question}
{method} · {minutes} min · {dots} dots{hidden}</translation>
    </message>
    <message>
        <source>(nog geen vraag)</source>
        <translation>(no question yet)</translation>
    </message>
    <message>
        <source> · verborgen</source>
        <translation> · hidden</translation>
    </message>
    <message>
        <source>Advies: ±{n} stippen bij {m} briefjes/clusters</source>
        <translation>Suggested: ±{n} dots for {m} notes/clusters</translation>
    </message>
    <message>
        <source>Advies: ongeveer een derde van het aantal briefjes/clusters (nog leeg)</source>
        <translation>Suggested: about a third of the number of notes/clusters (none yet)</translation>
    </message>
    <message>
        <source>voorgesteld bij deze methode: {n} min</source>
        <translation>suggested for this method: {n} min</translation>
    </message>
</context>
<context>
    <name>RunFeatures</name>
    <message>
        <source>Timer en projector</source>
        <translation>Timer and projector</translation>
    </message>
    <message>
        <source>Overzicht van alle groepen</source>
        <translation>Overview of all groups</translation>
    </message>
    <message>
        <source>Timer starten/pauzeren</source>
        <translation>Start/pause timer</translation>
    </message>
    <message>
        <source>Eén minuut erbij</source>
        <translation>One more minute</translation>
    </message>
    <message>
        <source>Timer opnieuw</source>
        <translation>Reset timer</translation>
    </message>
    <message>
        <source>Projector &amp;openen</source>
        <translation>&amp;Open projector</translation>
    </message>
    <message>
        <source>Projector sluiten</source>
        <translation>Close projector</translation>
    </message>
    <message>
        <source>&amp;Timer</source>
        <translation>&amp;Timer</translation>
    </message>
    <message>
        <source>&amp;Projector</source>
        <translation>&amp;Projector</translation>
    </message>
    <message>
        <source>&amp;Scherm</source>
        <translation>&amp;Screen</translation>
    </message>
    <message>
        <source>&amp;Tafel op de projector</source>
        <translation>&amp;Table on the projector</translation>
    </message>
    <message>
        <source>Projector</source>
        <translation>Projector</translation>
    </message>
    <message>
        <source>Hele zaal</source>
        <translation>Whole room</translation>
    </message>
    <message>
        <source>hele zaal</source>
        <translation>whole room</translation>
    </message>
    <message>
        <source>Projector: {where}</source>
        <translation>Projector: {where}</translation>
    </message>
    <message>
        <source>De projector toont: {where}. Kies een tafel via Projector &gt; Tafel op de projector.</source>
        <translation>The projector shows: {where}. Choose a table with Projector &gt; Table on the projector.</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Zoeken op de muur (Ctrl+F)</source>
        <translation>Search the wall (Ctrl+F)</translation>
    </message>
    <message>
        <source>Zoekt in briefjes en clusternamen; Esc wist de zoekopdracht</source>
        <translation>Searches notes and cluster names; Esc clears the search</translation>
    </message>
</context>
<context>
    <name>StorageBanner</name>
    <message>
        <source>Kopie op USB-stick…</source>
        <translation>Copy to USB stick…</translation>
    </message>
    <message>
        <source>Verbergen</source>
        <translation>Hide</translation>
    </message>
    <message>
        <source>Dit bestand is gekopieerd terwijl het open was, zonder het -wal-bestand ernaast: de nieuwste notities kunnen ontbreken. Open het origineel of een reservekopie als u die hebt. Een kopie maakt u veilig met Bestand &gt; Kopie opslaan.</source>
        <translation>This file was copied while it was open, without the -wal file beside it: the newest notes may be missing. Open the original or a backup if you have one. Make a safe copy with File &gt; Save a copy.</translation>
    </message>
    <message>
        <source>De automatische reservekopie is mislukt ({why}). Notities worden wel opgeslagen. Maak ruimte vrij op de schijf; dit bericht verdwijnt na de volgende geslaagde reservekopie.</source>
        <translation>The automatic backup failed ({why}). Notes are still being saved. Free some space on the disk; this message goes away after the next successful backup.</translation>
    </message>
    <message>
        <source>Ronde afgesloten. Zet nu een kopie op een USB-stick: als deze laptop uitvalt, is het werk dan niet verloren. (Het open bestand zelf kopiëren is geen reservekopie: de nieuwste notities staan nog in het -wal-bestand.)</source>
        <translation>Round closed. Put a copy on a USB stick now: if this laptop fails, the work is not lost. (Copying the open file itself is not a backup: the newest notes are still in the -wal file.)</translation>
    </message>
    <message>
        <source>De schijf is vol: nieuwe notities worden NIET opgeslagen. Maak nu ruimte vrij (verwijder grote bestanden, leeg de prullenbak).</source>
        <translation>The disk is full: new notes are NOT being saved. Free some space now (delete large files, empty the trash).</translation>
    </message>
    <message>
        <source>Het werkbestand kan niet meer worden beschreven (alleen-lezen): nieuwe notities worden NIET opgeslagen. Controleer of de schijf of USB-stick nog aangesloten is en schrijfrechten heeft.</source>
        <translation>The workshop file can no longer be written (read-only): new notes are NOT being saved. Check that the disk or USB stick is still connected and writable.</translation>
    </message>
    <message>
        <source>De schijf geeft fouten bij het opslaan: nieuwe notities worden NIET opgeslagen. Controleer de schijf of USB-stick.</source>
        <translation>The disk reports errors while saving: new notes are NOT being saved. Check the disk or USB stick.</translation>
    </message>
    <message>
        <source>Of zet met Bestand &gt; Kopie opslaan het werk op een USB-stick of een andere schijf en open het daar. De telefoons bewaren hun notities en sturen ze opnieuw; dit bericht verdwijnt vanzelf zodra opslaan weer lukt.</source>
        <translation>Or use File &gt; Save a copy to put the work on a USB stick or another disk and open it there. The phones keep their notes and send them again; this message goes away by itself as soon as saving works again.</translation>
    </message>
</context>
<context>
    <name>SuggestionsPanel</name>
    <message>
        <source>Groepen voorstellen</source>
        <translation>Suggest groups</translation>
    </message>
    <message>
        <source>Stel clusters en dubbele briefjes voor deze tafel voor (Ctrl+Shift+G); niets verandert zonder uw klik</source>
        <translation>Suggest clusters and duplicate notes for this table (Ctrl+Shift+G); nothing changes without your click</translation>
    </message>
    <message>
        <source>Overnemen</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Afwijzen</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>Voorstel: in cluster leggen</source>
        <translation>Suggestion: put into a cluster</translation>
    </message>
    <message>
        <source>Voorstel: cluster maken</source>
        <translation>Suggestion: make a cluster</translation>
    </message>
    <message>
        <source>Geen voorstellen (meer) voor deze tafel.</source>
        <translation>No (more) suggestions for this table.</translation>
    </message>
    <message>
        <source>Vraag voorstellen voor de tafel in beeld.</source>
        <translation>Ask for suggestions for the table in view.</translation>
    </message>
    <message>
        <source>Zeggen deze twee hetzelfde? Samenvoegen</source>
        <translation>Do these two say the same? Merge</translation>
    </message>
    <message>
        <source>Bij cluster “{name}” leggen</source>
        <translation>Put into cluster “{name}”</translation>
    </message>
    <message>
        <source>Nieuw cluster “{name}” met {n} briefjes</source>
        <translation>New cluster “{name}” with {n} notes</translation>
    </message>
    <message>
        <source>Voorstel {i} van {n}</source>
        <translation>Suggestion {i} of {n}</translation>
    </message>
</context>
<context>
    <name>TableUndo</name>
    <message>
        <source>Ongedaan maken op {table}: {what}</source>
        <translation>Undo on {table}: {what}</translation>
    </message>
    <message>
        <source>Ongedaan maken</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Opnieuw op {table}: {what}</source>
        <translation>Redo on {table}: {what}</translation>
    </message>
    <message>
        <source>Opnieuw</source>
        <translation>Redo</translation>
    </message>
</context>
<context>
    <name>ThemeView</name>
    <message>
        <source>Wat de zaal schrijft</source>
        <translation>What the room writes</translation>
    </message>
    <message>
        <source>Nog geen briefjes om te tonen.</source>
        <translation>No notes to show yet.</translation>
    </message>
    <message>
        <source>Grootte: aantal deelnemers dat het woord gebruikte ({n} deelnemers)</source>
        <translation>Size: number of participants who used the word ({n} participants)</translation>
    </message>
    <message>
        <source>Thema&apos;s over alle tafels</source>
        <translation>Themes across all tables</translation>
    </message>
    <message>
        <source>(nog geen)</source>
        <translation>(none yet)</translation>
    </message>
    <message>
        <source>1 tafel</source>
        <translation>1 table</translation>
    </message>
    <message>
        <source>{t} tafels</source>
        <translation>{t} tables</translation>
    </message>
    <message>
        <source>{n} briefjes · {tables}</source>
        <translation>{n} notes · {tables}</translation>
    </message>
</context>
<context>
    <name>TimerBar</name>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Timer starten of pauzeren (Ctrl+P)</source>
        <translation>Start or pause the timer (Ctrl+P)</translation>
    </message>
    <message>
        <source>+1 min</source>
        <translation>+1 min</translation>
    </message>
    <message>
        <source>Eén minuut erbij (Ctrl+=)</source>
        <translation>One more minute (Ctrl+=)</translation>
    </message>
    <message>
        <source>Opnieuw</source>
        <translation>Reset</translation>
    </message>
    <message>
        <source>Timer terug naar de duur van de ronde</source>
        <translation>Reset the timer to the round&apos;s duration</translation>
    </message>
    <message>
        <source>Timer:</source>
        <translation>Timer:</translation>
    </message>
    <message>
        <source>Schrijftijd:</source>
        <translation>Writing time:</translation>
    </message>
    <message>
        <source>Stemtijd:</source>
        <translation>Voting time:</translation>
    </message>
    <message>
        <source>nog niet gestart</source>
        <translation>not started yet</translation>
    </message>
    <message>
        <source>Tijd is om</source>
        <translation>Time is up</translation>
    </message>
    <message>
        <source>loopt</source>
        <translation>running</translation>
    </message>
    <message>
        <source>gepauzeerd</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>Pauze</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>WallCommands</name>
    <message>
        <source>Actiepunt toevoegen</source>
        <translation>Add action item</translation>
    </message>
    <message>
        <source>Actiepunt verwijderen</source>
        <translation>Delete action item</translation>
    </message>
    <message>
        <source>Actiepunt wijzigen</source>
        <translation>Edit action item</translation>
    </message>
    <message>
        <source>Briefje verbergen</source>
        <translation>Hide note</translation>
    </message>
    <message>
        <source>Briefje verplaatsen</source>
        <translation>Move note</translation>
    </message>
    <message>
        <source>Briefje weer tonen</source>
        <translation>Show note again</translation>
    </message>
    <message>
        <source>Briefjes samenvoegen</source>
        <translation>Merge notes</translation>
    </message>
    <message>
        <source>Cluster maken</source>
        <translation>Create cluster</translation>
    </message>
    <message>
        <source>Cluster opheffen</source>
        <translation>Dissolve cluster</translation>
    </message>
    <message>
        <source>Dubbel uit elkaar halen</source>
        <translation>Split duplicate</translation>
    </message>
    <message>
        <source>Papieren briefje toevoegen</source>
        <translation>Add paper note</translation>
    </message>
    <message>
        <source>Tekst verbeteren</source>
        <translation>Correct text</translation>
    </message>
    <message>
        <source>{n} briefjes verplaatsen</source>
        <translation>Move {n} notes</translation>
    </message>
</context>
<context>
    <name>WallController</name>
    <message>
        <source>In cluster leggen</source>
        <translation>Put in cluster</translation>
    </message>
    <message>
        <source>Uit cluster halen</source>
        <translation>Take out of cluster</translation>
    </message>
    <message>
        <source>Cluster {n}</source>
        <translation>Cluster {n}</translation>
    </message>
    <message>
        <source>Cluster verplaatsen</source>
        <translation>Move cluster</translation>
    </message>
    <message>
        <source>Kies twee of meer briefjes om samen te voegen.</source>
        <translation>Choose two or more notes to merge.</translation>
    </message>
    <message>
        <source>Dubbel uit elkaar halen</source>
        <translation>Split duplicate</translation>
    </message>
    <message>
        <source>Cluster hernoemen</source>
        <translation>Rename cluster</translation>
    </message>
    <message>
        <source>Kies één cluster om de briefjes in te leggen.</source>
        <translation>Choose one cluster to put the notes in.</translation>
    </message>
    <message>
        <source>Naam wijzigen (F2)</source>
        <translation>Rename (F2)</translation>
    </message>
    <message>
        <source>Actiepunt maken…</source>
        <translation>Create action item…</translation>
    </message>
    <message>
        <source>Cluster opheffen (Delete)</source>
        <translation>Dissolve cluster (Delete)</translation>
    </message>
    <message>
        <source>Tekst verbeteren (F2)</source>
        <translation>Correct text (F2)</translation>
    </message>
    <message>
        <source>Samenvoegen (Ctrl+M)</source>
        <translation>Merge (Ctrl+M)</translation>
    </message>
    <message>
        <source>Clusteren (Ctrl+G)</source>
        <translation>Cluster (Ctrl+G)</translation>
    </message>
    <message>
        <source>Weer tonen (Ctrl+H)</source>
        <translation>Show again (Ctrl+H)</translation>
    </message>
    <message>
        <source>Verbergen (Ctrl+H)</source>
        <translation>Hide (Ctrl+H)</translation>
    </message>
</context>
<context>
    <name>WallKeys</name>
    <message>
        <source>Briefje met de focus (de)selecteren</source>
        <translation>Select or deselect the focused note</translation>
    </message>
    <message>
        <source>Eerste briefje krijgt de focus</source>
        <translation>The first note gets the focus</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Focus naar het volgende briefje (en selecteren)</source>
        <translation>Focus (and select) the next note</translation>
    </message>
    <message>
        <source>Naam of tekst wijzigen</source>
        <translation>Edit name or text</translation>
    </message>
    <message>
        <source>Pijltjestoetsen</source>
        <translation>Arrow keys</translation>
    </message>
    <message>
        <source>Selectie wissen</source>
        <translation>Clear the selection</translation>
    </message>
    <message>
        <source>Shift+pijltjestoetsen</source>
        <translation>Shift+arrow keys</translation>
    </message>
    <message>
        <source>Spatiebalk</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>Tab naar de muur</source>
        <translation>Tab to the wall</translation>
    </message>
    <message>
        <source>Volgend briefje bij de selectie nemen</source>
        <translation>Add the next note to the selection</translation>
    </message>
</context>
<context>
    <name>WallScene</name>
    <message>
        <source>Weer tonen</source>
        <translation>Show again</translation>
    </message>
    <message>
        <source>Verbergen</source>
        <translation>Hide</translation>
    </message>
</context>
<context>
    <name>WallView</name>
    <message>
        <source>Nog niet ingedeeld</source>
        <translation>Not sorted yet</translation>
    </message>
    <message>
        <source>Nog geen briefjes</source>
        <translation>No notes yet</translation>
    </message>
</context>
<context>
    <name>WorkshopEditor</name>
    <message>
        <source>Werkplaats voorbereiden</source>
        <translation>Prepare workshop</translation>
    </message>
    <message>
        <source>Bijeenkomst</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Groepen</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>Rondes</source>
        <translation>Rounds</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>_Painted</name>
    <message>
        <source>Tijd is om</source>
        <translation>Time is up</translation>
    </message>
    <message>
        <source>Stemtijd {clock}</source>
        <translation>Voting time {clock}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>{name} is al geopend door &apos;facilitator serve&apos; (programma {pid} op {host}), de server zonder venster. Stop die eerst; twee programma&apos;s op één werkplaats zouden elkaars briefjes niet zien.</source>
        <translation>{name} is already open in &apos;facilitator serve&apos; (process {pid} on {host}), the server without a window. Stop it first; two programs on one workshop would not see each other&apos;s notes.</translation>
    </message>
    <message>
        <source>{name} is al geopend in een ander venster (programma {pid} op {host}). Ga verder in dat venster; twee vensters op één werkplaats zouden elkaars briefjes niet zien.</source>
        <translation>{name} is already open in another window (program {pid} on {host}). Carry on in that window; two windows on one workshop would not see each other&apos;s notes.</translation>
    </message>
    <message>
        <source>{name} kan niet worden vastgezet voor dit venster (de map is niet beschrijfbaar?).</source>
        <translation>{name} cannot be locked for this window (is the folder read-only?).</translation>
    </message>
    <message>
        <source>De werkplaats kan niet worden geopend:
{e}</source>
        <translation>The workshop cannot be opened:
{e}</translation>
    </message>
    <message>
        <source>{name} is beschadigd. {numbers} Wilt u verder met het herstelde bestand? Het beschadigde bestand blijft ernaast bewaard.</source>
        <translation>{name} is damaged. {numbers} Do you want to continue with the recovered file? The damaged file is kept beside it.</translation>
    </message>
    <message>
        <source>{name} is ouder dan zijn eigen reservekopie: de laatste wijzigingen ontbreken (het bestand is zonder zijn -wal-bestand gekopieerd, of dat is verloren gegaan). {numbers} Wilt u verder met het samengevoegde bestand? Het oude bestand blijft ernaast bewaard.</source>
        <translation>{name} is older than its own backup: the latest changes are missing (the file was copied without its -wal file, or that file was lost). {numbers} Do you want to continue with the merged file? The old file is kept beside it.</translation>
    </message>
    <message>
        <source>{n} notities hersteld; {lost} verloren</source>
        <translation>{n} notes recovered; {lost} lost</translation>
    </message>
    <message>
        <source> (samengevoegd met de reservekopie van {when})</source>
        <translation> (merged with the backup of {when})</translation>
    </message>
</context>
<context>
    <name>failures</name>
    <message>
        <source>De briefjes konden niet worden samengevoegd</source>
        <translation>The notes could not be merged</translation>
    </message>
    <message>
        <source>De briefjes konden niet worden verplaatst</source>
        <translation>The notes could not be moved</translation>
    </message>
    <message>
        <source>De fase kon niet worden gewijzigd</source>
        <translation>The phase could not be changed</translation>
    </message>
    <message>
        <source>De gegevens van de bijeenkomst konden niet worden opgeslagen</source>
        <translation>The event details could not be saved</translation>
    </message>
    <message>
        <source>De groep kon niet worden opgeslagen</source>
        <translation>The group could not be saved</translation>
    </message>
    <message>
        <source>De groep kon niet worden verwijderd</source>
        <translation>The group could not be removed</translation>
    </message>
    <message>
        <source>De poort kon niet worden gewijzigd</source>
        <translation>The port could not be changed</translation>
    </message>
    <message>
        <source>De ronde kon niet worden gestart</source>
        <translation>The round could not be started</translation>
    </message>
    <message>
        <source>De ronde kon niet worden opgeslagen</source>
        <translation>The round could not be saved</translation>
    </message>
    <message>
        <source>De ronde kon niet worden verwijderd</source>
        <translation>The round could not be removed</translation>
    </message>
    <message>
        <source>De timer kon niet worden bijgesteld</source>
        <translation>The timer could not be adjusted</translation>
    </message>
    <message>
        <source>De volgorde van de groepen kon niet worden gewijzigd</source>
        <translation>The order of the groups could not be changed</translation>
    </message>
    <message>
        <source>De volgorde van de rondes kon niet worden gewijzigd</source>
        <translation>The order of the rounds could not be changed</translation>
    </message>
    <message>
        <source>De wijziging kon niet worden opgeslagen</source>
        <translation>The change could not be saved</translation>
    </message>
    <message>
        <source>Het actiepunt kon niet worden opgeslagen</source>
        <translation>The action point could not be saved</translation>
    </message>
    <message>
        <source>Het adres op de tafelkaarten kon niet worden bewaard</source>
        <translation>The address on the table cards could not be kept</translation>
    </message>
    <message>
        <source>Het briefje kon niet worden gewijzigd</source>
        <translation>The note could not be changed</translation>
    </message>
    <message>
        <source>Het briefje kon niet worden losgemaakt</source>
        <translation>The note could not be separated</translation>
    </message>
    <message>
        <source>Het briefje kon niet worden toegevoegd</source>
        <translation>The note could not be added</translation>
    </message>
    <message>
        <source>Het briefje kon niet worden verborgen of weer getoond</source>
        <translation>The note could not be hidden or shown again</translation>
    </message>
    <message>
        <source>Het cluster kon niet worden gewijzigd</source>
        <translation>The cluster could not be changed</translation>
    </message>
    <message>
        <source>Ongedaan maken is niet gelukt</source>
        <translation>Undo did not work</translation>
    </message>
    <message>
        <source>Opnieuw doen is niet gelukt</source>
        <translation>Redo did not work</translation>
    </message>
    <message>
        <source>dat kan niet in de fase waarin deze ronde nu staat</source>
        <translation>that is not possible in the phase this round is in now</translation>
    </message>
    <message>
        <source>de briefjes staan op verschillende muren</source>
        <translation>the notes are on different walls</translation>
    </message>
    <message>
        <source>de map bestaat niet of er mag niet worden geschreven</source>
        <translation>the folder does not exist or may not be written to</translation>
    </message>
    <message>
        <source>de map of het bestand bestaat niet</source>
        <translation>the folder or file does not exist</translation>
    </message>
    <message>
        <source>de naam is leeg</source>
        <translation>the name is empty</translation>
    </message>
    <message>
        <source>de ronde heeft nog geen vraag; schrijf die eerst bij Werkplaats voorbereiden &gt; Rondes</source>
        <translation>the round has no question yet; write it first in Prepare workshop &gt; Rounds</translation>
    </message>
    <message>
        <source>de schijf gaf een fout</source>
        <translation>the disk reported an error</translation>
    </message>
    <message>
        <source>de schijf is alleen-lezen</source>
        <translation>the disk is read-only</translation>
    </message>
    <message>
        <source>de schijf is vol</source>
        <translation>the disk is full</translation>
    </message>
    <message>
        <source>de stippen kloppen niet</source>
        <translation>the dots do not add up</translation>
    </message>
    <message>
        <source>de tekst is leeg</source>
        <translation>the text is empty</translation>
    </message>
    <message>
        <source>de tekst is te lang</source>
        <translation>the text is too long</translation>
    </message>
    <message>
        <source>de titel is leeg</source>
        <translation>the title is empty</translation>
    </message>
    <message>
        <source>de vraag is leeg</source>
        <translation>the question is empty</translation>
    </message>
    <message>
        <source>deze ronde is gesloten</source>
        <translation>this round is closed</translation>
    </message>
    <message>
        <source>deze stap is al gedaan</source>
        <translation>this step was already done</translation>
    </message>
    <message>
        <source>deze stap kan niet ongedaan worden gemaakt</source>
        <translation>this step cannot be undone</translation>
    </message>
    <message>
        <source>dit briefje bestaat al</source>
        <translation>this note already exists</translation>
    </message>
    <message>
        <source>dit is een map, geen bestand</source>
        <translation>this is a folder, not a file</translation>
    </message>
    <message>
        <source>dit is geen tekst</source>
        <translation>this is not text</translation>
    </message>
    <message>
        <source>dit onderdeel bestaat niet meer</source>
        <translation>this item no longer exists</translation>
    </message>
    <message>
        <source>een adres schrijft u als http://adres:poort</source>
        <translation>an address is written http://address:port</translation>
    </message>
    <message>
        <source>een ander programma gebruikt die poort nu</source>
        <translation>another program is using that port now</translation>
    </message>
    <message>
        <source>een briefje dat al is samengevoegd kan niet nog eens worden samengevoegd</source>
        <translation>a note that is already merged cannot be merged again</translation>
    </message>
    <message>
        <source>een kleur schrijft u als #rrggbb</source>
        <translation>a colour is written as #rrggbb</translation>
    </message>
    <message>
        <source>een onverwachte fout (de details staan in het logboek)</source>
        <translation>an unexpected error (the details are in the log)</translation>
    </message>
    <message>
        <source>een poort is een getal van 1024 tot 65535</source>
        <translation>a port is a number from 1024 to 65535</translation>
    </message>
    <message>
        <source>een ronde duurt tussen 1 minuut en 4 uur</source>
        <translation>a round lasts between 1 minute and 4 hours</translation>
    </message>
    <message>
        <source>er mag hier niet worden geschreven</source>
        <translation>writing here is not allowed</translation>
    </message>
    <message>
        <source>er staat nog niet in wat er moet gebeuren</source>
        <translation>it does not say yet what is to be done</translation>
    </message>
    <message>
        <source>het aantal stippen ligt tussen 1 en 20</source>
        <translation>the number of dots is between 1 and 20</translation>
    </message>
    <message>
        <source>het bestand kan niet meer worden beschreven (alleen-lezen)</source>
        <translation>the file can no longer be written (read-only)</translation>
    </message>
    <message>
        <source>hier hebben deelnemers al iets gemaakt (deelnemers, briefjes of stemmen)</source>
        <translation>participants have already made something here (participants, notes or votes)</translation>
    </message>
    <message>
        <source>in deze ronde mag er één stip per briefje</source>
        <translation>this round allows one dot per note</translation>
    </message>
    <message>
        <source>kies Nederlands of Engels</source>
        <translation>choose Dutch or English</translation>
    </message>
    <message>
        <source>kies je of u</source>
        <translation>choose je or u</translation>
    </message>
    <message>
        <source>{what}: {why}.</source>
        <translation>{what}: {why}.</translation>
    </message>
</context>
<context>
    <name>first_start</name>
    <message>
        <source>Windows vraagt zo meteen of {name} mag communiceren op netwerken.

Vink Particuliere netwerken én Openbare netwerken aan (de wifi van een hotel of congrescentrum geldt meestal als openbaar) en kies Toegang toestaan. Telefoons in de zaal openen de pagina van de werksessie op deze laptop; zonder toestemming komt geen enkele telefoon binnen.

Per ongeluk geweigerd? Zet {name} aan bij Windows-beveiliging &gt; Firewall- en netwerkbeveiliging &gt; Een app toestaan via de firewall, en gebruik daarna de netwerkcontrole (Ctrl+T).</source>
        <translation>Windows will now ask whether {name} may communicate on networks.

Tick Private networks and Public networks (hotel and conference centre Wi-Fi usually counts as public) and choose Allow access. Phones in the room open the session&apos;s page on this laptop; without permission no phone gets in.

Declined by mistake? Turn {name} on in Windows Security &gt; Firewall and network protection &gt; Allow an app through firewall, then use the network check (Ctrl+T).</translation>
    </message>
    <message>
        <source>{name}: de vraag van de firewall</source>
        <translation>{name}: the firewall question</translation>
    </message>
</context>
<context>
    <name>prepare</name>
    <message>
        <source>Nieuwe werkplaats</source>
        <translation>New workshop</translation>
    </message>
    <message>
        <source>Tafel 1</source>
        <translation>Table 1</translation>
    </message>
    <message>
        <source>Wat wilt u vandaag met elkaar bespreken?</source>
        <translation>What would you like to discuss together today?</translation>
    </message>
</context>
</TS>
