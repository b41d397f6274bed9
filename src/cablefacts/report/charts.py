"""Bar charts drawn in the browser from the rows of a table, so that they follow the dashboard's filters
as the route map and the tables do: a chart sums the ``data-value`` of the rows the filters leave shown
(of its kind and stage) by year or by country, and is drawn again whenever a filter changes. The SVG is
built with DOM calls (text through ``textContent``), so no cable data enters a script; it needs no
library and no network. Every bar links to the facts behind it, with the filters in force."""

from __future__ import annotations

from html import escape

CHART_JS = """
var SVGNS='http://www.w3.org/2000/svg';
function svgEl(tag,attrs,parent,text){
  var e=document.createElementNS(SVGNS,tag);
  Object.keys(attrs).forEach(function(k){e.setAttribute(k,attrs[k]);});
  if(text!==undefined){e.textContent=text;}
  if(parent){parent.appendChild(e);}
  return e;
}
function fmtNumber(v){return v.toLocaleString('en-US',{maximumFractionDigits:2});}
function chartScale(values){
  var top=Math.max.apply(null,values.concat([0])), pos=values.filter(function(v){return v>0;});
  if(top>50*Math.max(1,Math.min.apply(null,pos.length?pos:[1]))){  // one huge figure must not flatten the others
    var t=[0],p=1; while(p<=top){t.push(p);p*=10;}
    return {ticks:t,at:function(v){return Math.log10(1+v)/Math.log10(1+top);}};
  }
  var raw=Math.max(top,1)/4, mag=Math.pow(10,Math.floor(Math.log10(raw)));
  var step=[1,2,5,10].map(function(m){return m*mag;}).filter(function(s){return s>=raw;})[0];
  step=Math.max(1,step); var end=Math.max(step,Math.ceil(top/step)*step), ticks=[];
  for(var v=0;v<=end+step/2;v+=step){ticks.push(v);}
  return {ticks:ticks,at:function(v){return v/end;}};
}
function chartTitle(box,f){
  var parts=['year','exploitation','country'].filter(function(k){return f[k]&&k!==box.dataset.by;}).map(function(k){
    var el=document.getElementById('f-'+k); return el?el.options[el.selectedIndex].text:f[k];
  });
  return box.dataset.title+(parts.length?' \\u2014 '+parts.join(', '):'');
}
function barLink(box,key,f){
  var q={type:box.dataset.kind,year:f.year,country:f.country,exploitation:f.exploitation};
  q[box.dataset.by]=key;
  var p=new URLSearchParams(); Object.keys(q).forEach(function(k){if(q[k]){p.set(k,q[k]);}});
  return 'facts.html?'+p.toString();
}
function drawChart(box,f){
  var d=box.dataset, sums={}, names={};
  document.querySelectorAll(d.source+' tr[data-filter]:not(.hidden)').forEach(function(r){
    var key=d.by==='year'?r.dataset.year:r.dataset.country;
    if(r.dataset.type!==d.kind||r.dataset.stage!==d.stage||!key){return;}
    sums[key]=(sums[key]||0)+Number(r.dataset.value); names[key]=d.by==='year'?key:r.dataset.name;
  });
  var keys=Object.keys(sums).sort(), values=keys.map(function(k){return sums[k];});
  var left=52, top=30, plotH=150, slot=34, W=Math.max(340,left+20+slot*keys.length), H=top+plotH+80;
  var svg=svgEl('svg',{width:W,height:H,viewBox:'0 0 '+W+' '+H,role:'img','class':'bars'});
  svgEl('text',{x:W/2,y:16,'text-anchor':'middle','font-size':13},svg,chartTitle(box,f));
  svg.setAttribute('aria-label',chartTitle(box,f));
  if(!keys.length){
    svgEl('text',{x:W/2,y:top+plotH/2,'text-anchor':'middle','font-size':12,fill:'#777','class':'empty'},svg,
          'no figures for these filters');
    box.replaceChildren(svg); return;
  }
  var scale=chartScale(values), base=top+plotH;
  scale.ticks.forEach(function(t){
    var y=base-plotH*scale.at(t);
    svgEl('line',{x1:left,x2:W-10,y1:y,y2:y,stroke:'#e4e4e4'},svg);
    svgEl('text',{x:left-6,y:y+4,'text-anchor':'end','font-size':10,fill:'#555'},svg,fmtNumber(t));
  });
  svgEl('text',{x:12,y:top+plotH/2,'text-anchor':'middle','font-size':10,fill:'#555',
                transform:'rotate(-90 12 '+(top+plotH/2)+')'},svg,d.ylabel);
  keys.forEach(function(k,i){
    var v=sums[k], h=Math.max(1,plotH*scale.at(v)), x=left+10+i*slot;
    var a=svgEl('a',{href:barLink(box,k,f)},svg);
    var bar=svgEl('rect',{x:x,y:base-h,width:slot-8,height:h,fill:'#4c78a8','class':'bar','data-key':k,
                          'data-value':v},a);
    svgEl('title',{},bar,names[k]+': '+fmtNumber(v));
    svgEl('text',{x:x+(slot-8)/2,y:base-h-3,'text-anchor':'middle','font-size':9,'class':'value'},svg,fmtNumber(v));
    svgEl('text',{x:x+(slot-8)/2,y:base+12,'text-anchor':'end','font-size':10,'class':'key',
                  transform:'rotate(-45 '+(x+(slot-8)/2)+' '+(base+12)+')'},a,names[k]);
  });
  svgEl('line',{x1:left,x2:W-10,y1:base,y2:base,stroke:'#333'},svg);
  box.replaceChildren(svg);
}
function drawCharts(f){
  document.querySelectorAll('[data-chart]').forEach(function(box){
    var off=!!f.type&&f.type!==box.dataset.kind;
    box.classList.toggle('hidden',off);
    if(!off){drawChart(box,f);}
  });
}
"""


def bar_chart(kind: str, stage: str, by: str, title: str, source: str, ylabel: str = "count") -> str:
    """A chart of the figures of ``kind`` and ``stage`` in the rows of table ``source`` (a CSS selector)
    summed by ``year`` or ``country``, drawn by ``CHART_JS``."""
    return (f'<div class="chart" data-chart data-kind="{escape(kind)}" data-stage="{escape(stage)}" '
            f'data-by="{escape(by)}" data-title="{escape(title)}" data-source="{escape(source)}" '
            f'data-ylabel="{escape(ylabel)}"></div>')
