# mistake: never switches back, so later training runs without dropout
# targets: test_evaluate
# %% evaluate
def evaluate(model, x):
    model.eval()
    with torch.no_grad():
        return model(x)
