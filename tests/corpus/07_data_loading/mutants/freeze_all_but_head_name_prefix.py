# mistake: tells the head by a name starting with "fc", which also matches a body layer named fc0
# targets: test_freeze_all_but_head
# %% freeze_all_but_head
def freeze_all_but_head(model: nn.Module) -> int:
    for name, p in model.named_parameters():
        p.requires_grad = name.startswith("fc")
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
