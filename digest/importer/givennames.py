"""Common given names of the languages news is mostly published in, lower case.

Used only to tell a name printed alone on a line ("Anna Berg" under a headline) from a short
capitalised phrase ("Erneuerbare Energien", "Leadership Styles"): a bare line needs its first word
here, or stronger evidence around it.  Bylines with "By" / "Von" / "Autor:" do not need it.
"""

from __future__ import annotations

_NAMES = """
aaron abby abigail ada adam adrian adriana agnes aidan aileen al alan alana albert alberta alex alexa alexander
alexandra alexis alfred ali alice alicia alison allan allen allison alyssa amanda amber amelia amy ana andrea
andrew andy angela angelina angie anita ann anna annabel anne annette annie anthony antonio april archie ariana
arthur ashley audrey austin ava barbara barry beatrice becky belinda ben benjamin bernard beth bethany betty
beverly bill billy blake bob bobby bonnie brad bradley brandon brenda brendan brent brett brian bridget brittany
brooke bruce bryan caitlin caleb cameron camila candace cara carl carla carly carmen carol caroline carolyn
carrie casey cassandra catherine cathy charles charlie charlotte chelsea cheryl chloe chris christian christina
christine christopher christy cindy claire clara clare clark claudia clay clayton cliff clifford clint cody colin
colleen connor conor courtney craig crystal curtis cynthia dale dallas dan dana daniel daniela danielle danny
darren dave david dawn dean deanna debbie deborah debra dee denise dennis derek diana diane dianne dick dillon
dominic don donald donna doris dorothy doug douglas drew duncan dustin dwight dylan ed eddie edgar edith edward
eileen elaine eleanor elena eli elijah elisabeth elise eliza elizabeth ella ellen ellie elliot elliott eloise
emily emma eric erica erik erin ernest esther ethan eugene eva evan evelyn faith felicity fiona frances francis
frank frankie fred freddie frederick gabriel gabriella gail gareth garrett gary gavin gemma gene geoff geoffrey
george georgia gerald gillian gina glen glenn gloria gordon grace graham grant greg gregory gwen hailey haley
hannah harold harriet harry harvey hayley heather heidi helen henry holly hope howard hugh hugo ian isaac
isabel isabella isabelle ivan jack jackie jackson jacob jacqueline jake james jamie jan jane janet janice jared
jasmine jason jay jean jeff jeffrey jen jenna jennifer jenny jeremy jerry jesse jessica jill jim jimmy jo joan
joann joanna joanne jocelyn jodi jody joe joel john johnny jon jonathan jordan joseph josephine josh joshua joy
joyce judith judy julia julian julie justin kaitlyn kara karen kate katelyn katherine kathleen kathryn kathy
katie katy kay kayla keith kelly ken kenneth kerry kevin kim kimberly kirk kristen kristin kristina kristy kyle
lance lara larry laura lauren laurie lawrence leah lee leo leon leonard leslie liam lillian lily linda lindsay
lindsey lisa liz logan lois lori louis louise lucas lucy luke lydia lynn madeline madison maggie mandy marc
marcia marcus margaret maria marian marie marilyn marion mark marsha martha martin marvin mary matt matthew
maureen max maxwell megan meghan melanie melinda melissa melvin meredith mia michael michele michelle mike miles
mira mindy miranda missy mitch mitchell molly monica morgan nancy naomi natalie natasha nathan nathaniel neil nicholas
nick nicole nigel nina noah nora norman olivia oliver oscar owen paige pam pamela patricia patrick patty paul
paula pauline peggy penny pete peter phil philip phillip phoebe phyllis rachel ralph randy ray raymond rebecca
reed regina renee rhonda richard rick ricky rita rob robert robin rodney roger ron ronald rosa rose rosemary ross
roy ruby russell ruth ryan sally sam samantha samuel sandra sandy sara sarah scott sean seth shane shannon sharon
shaun shawn sheila shelby shelley sherry shirley sidney simon sophia sophie stacey stacy stanley stella
stephanie stephen steve steven stuart sue susan suzanne sylvia tamara tammy tanya tara taylor ted teresa terri
terry theresa thomas tiffany tim timothy tina todd tom tommy toni tony tracey tracy travis trevor troy tyler
valerie vanessa vera veronica vicki vickie victor victoria vincent virginia wade walter wanda warren wayne wendy
wesley whitney will william willie wilson zach zachary zoe
abdul ahmed ali amir anil arjun ashok deepak farah fatima hassan imran karim khalid mohamed mohammed muhammad
omar priya rahul raj rajesh ravi sanjay sunil tariq vijay yasmin yusuf mustafa mehmet ahmet emre murat kemal
kazim fatma ayse elif zeynep can cem deniz
andreas anja anke annika antje axel barbara bastian benedikt bernd bettina birgit björn burkhard carina carsten
christa christiane christina christoph clemens cornelia dagmar daniela dennis detlef dieter dietmar dirk doris
dorothea edith egon elke elmar erich ernst eva fabian felix florian frank franz franziska frauke friederike
friedrich fritz gabriele georg gerd gerhard gisela götz gudrun günter günther hannes hans harald hartmut heike
heiko heinrich heinz helga helmut hendrik henning herbert hermann horst hubert ilona ines ingo ingrid irene
iris jan jana janina janine jannik jens jessica joachim jochen johann johanna johannes jonas jörg josef
judith julia juliane julius jürgen jutta kai karin karl karsten katharina kathrin katja katrin kerstin klaus
konrad konstantin kristina lars lea lena leon leonie lisa lothar lukas lutz magdalena maik manfred manuel manuela
marco marcel mareike marion marius markus martina mathias matthias max maximilian melanie michaela miriam
moritz nadine nadja nicole niklas nils nina norbert olaf ole oliver patrick paul peter petra philipp rainer
ralf regina reinhard reinhold renate rene ricarda robert roland rolf rudolf rüdiger sabine sabrina sandra sarah
sascha sebastian silke simon simone sonja stefan stefanie steffen stephan susanne svea sven svenja swen
sylvia tanja thomas thorsten tilman tim timo tobias torsten udo ulf ulla ulrich ulrike ursula uta ute uwe
valentin verena veronika volker walter werner wilhelm wolfgang yannick yvonne
adèle adrien agathe aimé alain albert alexandre alice aline amélie anaïs andré anne antoine arnaud aurélie
baptiste béatrice benoît bernard bertrand brigitte bruno camille caroline catherine cécile céline charles
charlotte christian christophe claire claude clément colette corinne damien daniel denis didier dominique
édouard élise élodie émile emmanuel éric étienne eugénie fabien fabrice florence françois françoise frédéric
gabriel gaëlle geneviève georges gérard gilles guillaume hélène henri hervé hugues isabelle jacques jean
jeanne jérôme joël josé julien juliette justine laetitia laure laurence laurent léa lucas lucie luc ludovic
maël manon marc marcel margaux marguerite marie marine mathieu mathilde maxime michel michèle mireille monique
nathalie nicolas noémie olivier pascal patrice patrick paul pauline philippe pierre quentin raphaël rémi
renaud robert romain sandrine sébastien serge simone solène sophie stéphane stéphanie sylvie thérèse thibault
thierry valérie véronique vincent virginie xavier yann yves
adriana agustín alberto alejandra alejandro alfonso alicia álvaro ana andrés ángel antonio beatriz carlos
carmen carolina catalina cecilia claudia cristina daniel david diego eduardo elena emilio enrique esteban
eva federico felipe fernanda fernando francisco gabriel gabriela gonzalo guillermo gustavo héctor ignacio
isabel jaime javier jesús joaquín jorge josé juan juana julia julio laura leonardo lorena lucía luis luisa
manuel marcela marcelo marco marcos margarita maría mariana mario marta martín mateo miguel mónica natalia
nicolás pablo paola patricia paula pedro pilar rafael ramón raúl ricardo roberto rocío rodrigo rosa rubén
santiago sergio silvia sofía teresa tomás valentina verónica víctor
ana antónio beatriz bruno carla catarina cláudia daniela diogo duarte fábio filipe gonçalo guilherme helena
inês joana joão jorge josé leonor luís luísa marta mateus miguel nuno patrícia paulo pedro raquel ricardo rita
rui sara sérgio sofia teresa thiago tiago vítor vitória renata rafaela camila larissa leticia letícia bruna
alessandro alessandra andrea angelo anna antonella barbara carlo chiara claudio cristiano davide emanuele
enrico federica federico francesca francesco gianluca giorgia giorgio giovanna giovanni giulia giulio giuseppe
lorenzo luca lucia marco maria matteo mauro michele paola paolo pietro riccardo roberta roberto salvatore
sara silvia simone stefano valentina valerio vincenzo
anders anna astrid birgitta björn erik eva gustav ingrid johan karin lars magnus maria mats nils olof per
sara sofia stefan sven ulla jesper kasper mads mette morten niels rasmus søren henrik knut ola ole bjørn
aleksandr alexei alexey anastasia andrei andrey anna dmitri dmitry ekaterina elena igor irina ivan kirill
maria mikhail natalia nikolai oleg olga pavel sergei sergey svetlana tatiana vladimir yulia yuri
adam agnieszka aleksandra andrzej anna barbara ewa jan joanna katarzyna krzysztof magdalena małgorzata marcin
marek maria michał monika paweł piotr tomasz wojciech zofia
bram daan dirk eline femke floor jeroen joost kees lieke luuk maarten marieke niels pieter ruben sanne sjoerd
thijs wouter
chen li liu wang zhang yang huang zhao wu zhou lin xu sun ma zhu hu guo he gao luo zheng wei ming hui
hiroshi kenji takashi yuki akira haruki yoko keiko min-jun ji-woo seo-yeon kim park lee
nnamdi chinedu ngozi oluwaseun kwame kofi ama

abe ada addison adeline adrienne aiden aimee alba aldo alec alfie alina alison allie alma alvin amara amelie amie
amos anders andre angus anika annabelle anneliese anton antonia ari ariel arlo armin arne arnold asher astrid
audra august aurora autumn avery axel bailey barney beau bella benedict benno bernadette bert bertha blair
bonnie brady brenna brendon briana brianna brock bronwyn brooklyn bryce bryony caitlyn callum calvin camille
candice carina carissa carlos carlton carmel carolina caroline carter casper cassidy cecil cecilia cedric
celia chad chandler chantal charity charlene chase chester christa cian ciara clarissa claus clementine
cole colette conrad constance cora corey corinne cornelius craig cristina dakota damian damon dane daphne
darcy darius darla darryl daryl davina dawson deborah declan deirdre delia delilah dennis desmond devin devon
dexter diego dina dominique donovan dora dorian dorothea dustin eamon easton eden edie edmund edwin effie
eileen elaina eleanore elias elisa eliot ellis elmer elsa elsie elton emanuel emerson emil emilia emmett enid
enzo erika ernesto errol esme estelle ethel etta eugenia eunice evangeline everett ezra fabian felicia felix
fergus fernando finn finley fletcher flora florence floyd forrest francesca franco freya gabe gabrielle garth
genevieve georgina gerard gertrude gideon gilbert giles ginger gisele gladys glenda godfrey greta gretchen
griffin gus guy gwendolyn hal hank harlan harper harrison hattie hazel heath hector helena herbert herman
hilary hillary hollis homer horace hunter ida ignatius imogen ingrid ira irene iris irving isaiah isla ivy
jade jaime jameson jana janelle janie jarrod jasper javier jed jemima jenna jeremiah jethro jill joan
joanie jocelyn joey johanna jolene jonah josiah joy juan judd jude jules juliana juliet june juniper justine
kai kara karl kasey katharine katrina kayla keira kelsey kendall kendra kenny kent kieran kira kirsten kit
klaus kristopher kurt lacey lachlan lana landon laurel laverne lawson layla leanne leighton lena leona
leopold leroy lester levi lewis lila lincoln lionel lisette livia lloyd lola lorena lorenzo lorna lorraine
lottie louisa lowell luca lucia lucian lucille luna luther lyle lynda lynne mabel mackenzie madelyn mae
magnus maisie malcolm mallory marco margot mariah marianne marilyn marina mario marjorie marlene marley
marshall martina maryann matilda mattie maude maura maurice mavis maxine may meg megan mel melody mercedes
merle micah michaela mickey milo milton minnie miriam mitzi moira mona monty morris moses muriel murray myra
myron nadia nadine nancy nat neal ned nell nellie nelson nestor nettie nia nico nikki niles noel noelle nolan
norma odette olga olive ollie opal orla orlando otis otto pamela parker pat patsy pearl peggy percy perry
petra phoebe pierce piper polly preston priscilla quentin quincy quinn rafael raleigh ramona randall raul
reagan rebekah reggie reid rex rhea rhys riley roberta rocco rochelle roderick rodrigo rohan roland rolf
roman romy ronan ronnie rory rosalind rosalie rosie rowan roxanne rudy rufus rupert ruth sabrina sadie sage
sally salvador sammy sandro sasha saul savannah scarlett selena selma serena seymour shelly sheldon shirley
sienna sierra silas skye sloane sol sonia sonny spencer stacie sterling stevie stewart sydney tabitha tamsin
tanner tatum teddy tess tessa thea theo theodore thelma tilly tobias toby trent trisha trudy tucker ulysses
una ursula val vaughn velma vernon vic vince viola violet virgil vivian wallace wally ward wendell wes wilbur
wilfred willa willow wilma winifred winston wyatt xander yolanda yvette yvonne zara zelda zena
aileen aoife caoimhe ciaran cormac dermot eoin fionn niamh oisin padraig roisin saoirse seamus sinead siobhan
tadhg aled bryn dafydd emrys gethin gwyn huw iolo rhian rhodri sian
achim adalbert agathe alois amalia ansgar arnulf arno benedikta berit berndt bodo brigitte bruno burkhard
caspar detlev dörte eberhard eckart edeltraud ekkehard elfriede elias ella emma enno erika erwin esther ewald
ferdinand frieda friedhelm frido gabi gebhard gerda gerlinde gero gottfried gregor guido gunda gundula gunnar
hagen hanna hanne hannelore hartwig hedwig heidi heidemarie heiner heinz-peter helene helmuth henrike hildegard
hilde holger ida ilse imke inge ingeborg irmgard isolde janek janic jannis jarne jasper jenny joscha josefine
juna justus kaja karla katinka klara klemens kuno lasse leni leander lenja liesel lina linus lotte luise
magda maren marianne marieke marina marlene marten mathilde mats meike merle mia mila milan nele nikolas
noah ole oskar otto paula pauline philine pia quirin rebekka reiner reni robin ronja rosa rosemarie ruben ruth
sabine samira sander selina siegfried sigrid silvia smilla sofie sophia stine svenja tabea thea theresa
thilo till tjark tom tomke ulla ulrike valentina vincent volkmar walburga waltraud wiebke wilfried willi
winfried wolf wolfram yannik zoe
adolfo agustina aitana alba alfredo alma amparo andrea ariadna armando arturo aurelio benjamín bernardo
blanca candela cayetana césar clara concepción consuelo cristóbal dolores emiliano encarnación ernesto
esperanza estela eugenio fabián facundo florencia gerardo gilberto graciela hernán horacio hugo iker inés
irene isidro ismael iván jacobo jimena joaquina julián leandro leire lidia lorenzo lourdes luciana macarena
manuela marcela mariano marisol matías mercedes milagros montserrat nerea noelia octavio óscar pascual
patricio perla pía ramiro remedios reyes rosario salvador samuel santos sebastián simón soledad susana
tadeo ulises valeria vicente ximena yolanda
adrien aline amandine anatole apolline arthur aurélien axelle bastien bénédicte blanche capucine chloé
cyril delphine diane edith élisabeth éloïse emma étienne fanny félix florian gaspard gauthier gérald hugo
inès jacqueline jules laure léon léonie lise louis louise lucile madeleine marcel marion martine matthieu
maud maurice mélanie nadège océane odile pierre-yves régis roxane sabine sacha samuel ségolène simon
sylvain théo thomas timothée tristan ulysse victor yvette yvonne
alessio alfio amedeo arianna aurora beatrice benedetta camilla carla carolina cesare cinzia clara claudia
cristina dario debora elena eleonora elisa emma ettore fabio fabrizio filippo flavio franca gabriele gaia
gianni gino giacomo ginevra giordano ilaria irene letizia livia lucio ludovica manuela marcello margherita
marina martina massimo mattia maurizio mirko nicola nicolò noemi ornella piero raffaele rebecca renato
rita rocco romano rosa sabrina samuele serena sergio simona sofia tommaso ugo umberto vittoria
adriano afonso alice amanda bárbara bernardo camilo cecília clara daniel davi diana eduarda eduardo elisa
enzo fernanda flávia francisca gabriela gael gustavo heitor isabela joaquim júlia juliana leonardo lorena
lucas manuela marcelo marcos mariana maurício murilo natália nicolas otávio pietra priscila rafael rodrigo
samuel sílvia simone vinícius yasmin
aleksander aleksandra alexandr alexandra alina alla anatoly andriy anya artem bogdan boris daria denis
dmitri egor evgenia evgeny evgeniya galina gennady grigory inna ivanna katya kseniya larisa lev lidia
lyudmila margarita marina maxim mikhail nadezhda natasha nikita nina oksana olena pavlo polina roman ruslan
sasha semyon sofia stanislav taras tatiana tatyana timur valentina valeria vasily vera viktor viktoria
vitaly vladislav yana yaroslav yevgeny yulia zhanna
agata bartosz beata dorota grzegorz halina hanna irena jacek jadwiga jakub janusz jerzy józef kamil kinga
łukasz maciej mariusz mateusz natalia patryk radosław rafał sławomir stanisław szymon tadeusz teresa urszula
wiktor witold zbigniew
ahmad aisha amina amira anwar ayesha bilal farid farouk fatih habib hamid hana hassan hussein ibrahim idris
jamal kamal khadija laila layla leila mahmoud malik mariam maryam mehdi nabil nadia nasser nour rami rania
rashid reza saeed salim salma sami samir sara tarek walid yasmin yousef youssef zainab zaid ziad
abhishek aditya ajay akash amit anand ananya anjali ankit anushka arun aryan ashish deepika devendra devika
dinesh gaurav harish jaya karan kavita kiran krishna kumar lakshmi mahesh manish meena mohan nandini neha
nikhil nisha nishant pankaj pooja pradeep prakash pranav preeti rajiv rakesh ramesh rohit sachin sandeep
sanjana santosh shreya shweta siddharth sneha sonia suresh swati tanvi tarun uday varun vikram vinod vivek
yash
ayşe burak emine esra gül hakan hatice hüseyin ibrahim kerem mert nur oğuz onur özlem selin serkan sinan
tuğba volkan yasemin yusuf
aarav bo chang chun fang feng gang hao hong hua jian jie jing jun lei li lian ling mei min na ning ping qiang
qing rui shan tao ting wen xia xiao xin yan yi ying yong yu yuan yun zhen zhi
daisuke haruto hiroko kazuo kenta masato naoko satoshi shinji takeshi tomoko yusuke
dong-hyun hyun jae-won ji-hoon min-ho seung soo-jin young
aino eero elina emilia hanna heikki jukka juha kaisa leena liisa mika minna niina pekka riikka sanna sari
satu timo tuomas ville
birte bjarne dagny eirik frode gunhild halvard inger jørgen kari kjell marit ragnhild sigrun solveig steinar
torben trine ulrik
""".split()

_NAMES += """
dominik kevin marcel pascal sven timo jan-hendrik jan-philipp lars-christian eike enrico falk gernot gunter
hauke helge henrik ingolf jost kay knut lutz malte marvin mirco nico norman olaf ralph rene ronny rouven sandro
silvio steffen sönke stephen thorben tino ulli vinzenz wim
anette angelika anne-kathrin annegret antonia bärbel beate berit britta carmen carola christel claudia
constanze cordula daniela diana doreen dunja elena elisabeth ellen evelyn franziska gabriela gesine grit
hannah heidrun henriette ilka insa isabell jacqueline jasmin jeanette jennifer jessika johanna josephine
karina kathleen katja kim kirsten larissa laura lea liane lisa-marie luisa madeleine maike manja mareen
maria-luise marie-luise marit marlies martha melina melissa meike michelle mirjam monika nadja nathalie
nora petra rabea ramona rebecca regine romy rosemarie roswitha sandy sara saskia silke sina sonja stella
stephanie susann susanne svea tamara tatjana theresia ursel vanessa vera viola wencke xenia yvonne zora
emmanuelle anne-sophie marie-claire marie-pierre jean-pierre jean-paul jean-luc jean-marc jean-michel
jean-françois jean-claude jean-baptiste jean-louis jean-christophe pierre-alain marc-antoine
ghislaine gwenaëlle hélène lætitia maryse mathilde morgane nolwenn océane pascale perrine rachida sandrine
solenn yannick yasmina loïc gaël erwan killian kylian brice cédric florent grégoire jérémy lionel
mickaël mathis nathan romuald sylvestre thibaut nathanael nathaniel jil tine
""".split()
GIVEN_NAMES = frozenset(_NAMES) - frozenset("will hope faith joy may june grant chase page art august bill patience".split())


def is_given_name(word: str) -> bool:
    """True when the word (any case, with or without accents as printed) is a common given name."""
    low = word.casefold().strip(".,;:'’")
    return low in GIVEN_NAMES or low.split("-")[0] in GIVEN_NAMES
