from ckanext.dcat.profiles import RDFProfile


class DataReleaseDCATAP3Profile(RDFProfile):
    def graph_from_dataset(self, dataset_dict, dataset_ref):
        return None
