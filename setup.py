"""Packaging for collab-nlp, driven by settings.ini (nbdev 2 layout).

Based on nbdev's template, without `pkg_resources` (gone from current setuptools)."""
from configparser import ConfigParser
import setuptools

assert setuptools.__version__ >= '36.2'

config = ConfigParser(delimiters=['='])
config.read('settings.ini', encoding='utf-8')
cfg = config['DEFAULT']

expected = ('version description keywords author author_email license lib_name user '
            'min_python status audience language').split()
missing = [o for o in expected if o not in cfg]
if missing: raise ValueError(f"settings.ini lacks: {', '.join(missing)}")

licenses = {'apache2': ('Apache Software License 2.0', 'OSI Approved :: Apache Software License')}
statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable',
            '6 - Mature', '7 - Inactive']
py_versions = '3.10 3.11 3.12'.split()

requirements = cfg.get('requirements', '').split()
dev_requirements = cfg.get('dev_requirements', '').split()
# extras: `docs` (what `collab-nlp docs` needs to run and render the notebooks), `plot` (matplotlib),
# `dask` (a distributed cluster), `jupyter` (JupyterLab and widgets); `dev` holds them all plus the test tools
extras = {name: cfg.get(f'{name}_requirements', '').split() for name in ('docs', 'plot', 'dask', 'jupyter')}
extras['dev'] = sorted(set(dev_requirements).union(*extras.values()))
lic = licenses[cfg['license']]
min_python = cfg['min_python']
console_scripts = [s.strip() for s in cfg.get('console_scripts', '').split('\n') if s.strip()]
long_description = open('README.md', encoding='utf-8').read()

setuptools.setup(
    name=cfg['lib_name'],
    license=lic[0],
    classifiers=['Development Status :: ' + statuses[int(cfg['status'])],
                 'Intended Audience :: ' + cfg['audience'].title(),
                 'Natural Language :: ' + cfg['language'].title(),
                 'License :: ' + lic[1]]
                + ['Programming Language :: Python :: ' + o for o in py_versions[py_versions.index(min_python):]],
    url=cfg['git_url'],
    packages=setuptools.find_packages(include=['collab_nlp', 'collab_nlp.*']),
    include_package_data=True,
    # lexicon, trained model and report assets travel inside the wheel
    package_data={'collab_nlp': ['resources/*', 'resources/**/*']},
    install_requires=requirements,
    extras_require=extras,
    dependency_links=cfg.get('dep_links', '').split(),
    python_requires='>=' + cfg['min_python'],
    long_description=long_description,
    long_description_content_type='text/markdown',
    zip_safe=False,
    entry_points={
        'console_scripts': console_scripts,
        'nbdev': [f'{cfg.get("lib_path")}={cfg.get("lib_path")}._modidx:d'],
        # so `nlp.add_pipe("collab_tagger")` works in any script after install
        'spacy_factories': ['collab_tagger = collab_nlp.tagger:make_collab_tagger'],
    },
    **{k: cfg[k] for k in ('version', 'description', 'keywords', 'author', 'author_email')},
)
