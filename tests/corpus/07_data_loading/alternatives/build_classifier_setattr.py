# why: setattr and the weight's shape instead of model.fc = ... and in_features
# %% build_classifier
import torchvision


def build_classifier(arch: str, num_classes: int) -> nn.Module:
    model = torchvision.models.__dict__[arch](weights=None)
    features = model.fc.weight.shape[1]
    setattr(model, "fc", torch.nn.Linear(features, num_classes, bias=True))
    return model
