# mistake: freezes only the weights of convolution and linear layers; BatchNorm's weight and bias keep training
# targets: test_freeze_all_but_head
# %% freeze_all_but_head
def freeze_all_but_head(model: nn.Module) -> int:
    head = set(model.fc.modules())
    for module in model.modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)) and module not in head:
            for p in module.parameters(recurse=False):
                p.requires_grad = False
    return sum(p.numel() for p in model.fc.parameters())
